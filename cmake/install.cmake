# `cmake --install BUILD [--prefix P]`: the programs, the manual pages, the libraries (static and
# shared), the public headers, pkg-config files (sslb, sslb-cert, sslb-iis), a CMake package
# (find_package(sslb) → sslb::sslb, sslb::cert, sslb::iis and their _static twins) and the bash
# completion. Paths are GNUInstallDirs'; the pkg-config files locate the prefix from their own
# place (${pcfiledir}), so `--prefix` chosen at install time (and DESTDIR) just works.
include(CMakePackageConfigHelpers)

# ---- programs ----
install(TARGETS sslbind sslbind-tls sslbind-bench sslbind-tlsbench RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
# appcmd: the same program under the name that selects appcmd's grammar (as build/bin has it)
install(CODE "file(CREATE_LINK sslbind \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_BINDIR}/appcmd\" SYMBOLIC)
  message(STATUS \"Installing: \$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_BINDIR}/appcmd -> sslbind\")")

# ---- manual pages ----
file(GLOB sslb_man_pages ${PROJECT_SOURCE_DIR}/docs/man/*.1)
install(FILES ${sslb_man_pages} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)

# ---- bash completion: one script for both names ----
# bash loads a completion file by the command's name: the same script under both names.
set(sslb_completion ${PROJECT_SOURCE_DIR}/shell/completion/sslbind.bash)
set(SSLB_BASH_COMPLETION_DIR ${CMAKE_INSTALL_DATADIR}/bash-completion/completions
    CACHE STRING "Where the bash completion script goes (relative: under the prefix)")
install(FILES ${sslb_completion} DESTINATION ${SSLB_BASH_COMPLETION_DIR} RENAME sslbind)
install(FILES ${sslb_completion} DESTINATION ${SSLB_BASH_COMPLETION_DIR} RENAME appcmd)

# ---- headers ----
file(GLOB sslb_public_headers ${PROJECT_SOURCE_DIR}/core/include/sslb/*.h)
install(FILES ${sslb_public_headers} ${SSLB_GENERATED_INCLUDE}/sslb/version.h
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/sslb)

# ---- libraries and their CMake package ----
install(TARGETS sslb sslb_cert sslb_iis sslb_shared sslb_cert_shared sslb_iis_shared
        EXPORT sslbTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR} NAMELINK_COMPONENT Devel
        INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
set(sslb_cmakedir ${CMAKE_INSTALL_LIBDIR}/cmake/sslb)
install(EXPORT sslbTargets NAMESPACE sslb:: DESTINATION ${sslb_cmakedir})
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/sslbConfig.cmake.in
                              ${PROJECT_BINARY_DIR}/cmake/sslbConfig.cmake INSTALL_DESTINATION ${sslb_cmakedir})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/cmake/sslbConfigVersion.cmake
                                 VERSION ${PROJECT_VERSION} COMPATIBILITY SameMajorVersion)
install(FILES ${PROJECT_BINARY_DIR}/cmake/sslbConfig.cmake ${PROJECT_BINARY_DIR}/cmake/sslbConfigVersion.cmake
        DESTINATION ${sslb_cmakedir})

# ---- pkg-config ----
# the way from <libdir>/pkgconfig back to the prefix, so each .pc finds the tree it was installed in
file(RELATIVE_PATH SSLB_PC_TO_PREFIX /root/${CMAKE_INSTALL_LIBDIR}/pkgconfig /root)
string(REGEX REPLACE "/$" "" SSLB_PC_TO_PREFIX "${SSLB_PC_TO_PREFIX}")
foreach(pc sslb sslb-cert sslb-iis)
  configure_file(${PROJECT_SOURCE_DIR}/cmake/${pc}.pc.in ${PROJECT_BINARY_DIR}/pkgconfig/${pc}.pc @ONLY)
  install(FILES ${PROJECT_BINARY_DIR}/pkgconfig/${pc}.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
endforeach()
