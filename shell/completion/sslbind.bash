# bash completion for sslbind and appcmd (source it, or install it as
# /usr/share/bash-completion/completions/sslbind and …/appcmd).
#
# The candidates come from the program itself: `sslbind --complete CWORD WORD0 WORD1 …` prints the
# words that may stand at index CWORD, from the same command table, abbreviation rules and
# machine state (bound keys, thumbprints, stores, sites) as the interactive shell's Tab.

# The command line up to the cursor, as words split at blanks (not at bash's = and : breaks).
_sslbind_line() {
    if [[ -n ${COMP_LINE-} ]]; then
        printf '%s' "${COMP_LINE:0:${COMP_POINT:-${#COMP_LINE}}}"
        return
    fi
    # no COMP_LINE: rebuild it from COMP_WORDS, gluing bash's "=" and ":" words to their neighbours
    local i w line="" glue=1
    for ((i = 0; i <= COMP_CWORD; i++)); do
        w=${COMP_WORDS[i]-}
        if [[ -n $w && -z ${w//[=:]/} ]]; then line+=$w; glue=1; continue; fi
        if ((glue)); then line+=$w; else line+=" $w"; fi
        glue=0
    done
    printf '%s' "$line"
}

_sslbind() {
    local line words=() cur prev prog pre c cands=() nospace=0
    line=$(_sslbind_line)
    read -r -a words <<< "$line"
    if [[ -z $line || $line == *[[:space:]] ]]; then
        cur=""
        words+=("")
    else
        cur=${words[${#words[@]} - 1]}
    fi
    local cword=$((${#words[@]} - 1))
    prev=${words[cword - 1]-}
    COMPREPLY=()
    case $prev in
        --state) mapfile -t COMPREPLY < <(compgen -d -- "$cur"); return 0 ;;
        -f) mapfile -t COMPREPLY < <(compgen -f -- "$cur"); return 0 ;;
    esac
    prog=${words[0]/#\~/$HOME}
    mapfile -t cands < <("$prog" --complete "$cword" "${words[@]}" 2> /dev/null)
    # bash replaces only the part of the word after its last break character (= and : among them)
    pre=""
    if [[ $cur == *[$COMP_WORDBREAKS]* ]]; then pre=${cur%"${cur##*[$COMP_WORDBREAKS]}"}; fi
    for c in "${cands[@]}"; do
        COMPREPLY+=("${c:${#pre}}")
        [[ $c == *= ]] && nospace=1
    done
    if ((nospace)); then compopt -o nospace 2> /dev/null; fi
    return 0
}

complete -F _sslbind sslbind appcmd
