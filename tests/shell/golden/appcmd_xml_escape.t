$ @file applicationHost.config
> <?xml version="1.0" encoding="UTF-8"?>
> <configuration>
>     <system.applicationHost>
>         <sites>
>             <site name="two&#10;lines&#9;tab &amp; &quot;q&quot;" id="1">
>                 <bindings>
>                     <binding protocol="http" bindingInformation="*:80:" />
>                 </bindings>
>             </site>
>         </sites>
>     </system.applicationHost>
> </configuration>
$ appcmd list sites /xml
<?xml version="1.0" encoding="UTF-8"?>
<appcmd>
    <SITE SITE.NAME="two&#10;lines&#9;tab &amp; &quot;q&quot;" SITE.ID="1" bindings="http/*:80:" state="Started" />
</appcmd>
