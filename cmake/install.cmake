# What `make install` puts where (PREFIX and DESTDIR from the Makefile):
#   bin/pacprobe; share/pacprobe/targets (profiles, docs/targets.md);
#   man1/pacprobe.1 (docs/pacprobe.1), man1/pacprobe-COMMAND.1 and the bash,
#   zsh and fish completions, generated at build time from the option table
#   (`pacprobe --list-options`, tools/gen-man.sh, tools/gen-completions.sh);
#   man3/libpacprobe.3 (docs/libpacprobe.3); the version on the .TH lines
#   is project()'s.
# `pactester` (pacprobe speaking pactester) is installed only with
# -DPP_INSTALL_PACTESTER=ON: Debian's pacparser package owns that name.
option(PP_INSTALL_PACTESTER "Install the pactester compatibility name (a symlink)" OFF)

install(TARGETS pacprobe RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
if(PP_INSTALL_PACTESTER AND NOT WIN32)
  install(CODE "execute_process(COMMAND ${CMAKE_COMMAND} -E create_symlink pacprobe
    \$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_BINDIR}/pactester)")
endif()
install(DIRECTORY pacscripts/targets DESTINATION ${CMAKE_INSTALL_DATADIR}/pacprobe)

# Generated from the built program: not when cross-compiling (Windows).
if(NOT CMAKE_CROSSCOMPILING)
  set(PP_GEN ${CMAKE_BINARY_DIR}/share)
  set(PP_GEN_OUT ${PP_GEN}/bash-completion/pacprobe ${PP_GEN}/zsh/_pacprobe
      ${PP_GEN}/fish/pacprobe.fish ${PP_GEN}/man/man1/pacprobe-eval.1)
  add_custom_command(OUTPUT ${PP_GEN_OUT}
    COMMAND bash ${CMAKE_SOURCE_DIR}/tools/gen-completions.sh $<TARGET_FILE:pacprobe> ${PP_GEN}
    COMMAND bash ${CMAKE_SOURCE_DIR}/tools/gen-man.sh $<TARGET_FILE:pacprobe> ${PP_GEN}/man/man1
            ${PROJECT_VERSION}
    DEPENDS pacprobe ${CMAKE_SOURCE_DIR}/tools/gen-completions.sh ${CMAKE_SOURCE_DIR}/tools/gen-man.sh
    COMMENT "man pages and completions from the option table")
  add_custom_target(pp_generated ALL DEPENDS ${PP_GEN_OUT})
  install(DIRECTORY ${PP_GEN}/man/man1/ DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
  install(DIRECTORY ${PP_GEN}/man/man3/ DESTINATION ${CMAKE_INSTALL_MANDIR}/man3)
  install(FILES ${PP_GEN}/bash-completion/pacprobe
          DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions)
  install(FILES ${PP_GEN}/zsh/_pacprobe DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions)
  install(FILES ${PP_GEN}/fish/pacprobe.fish DESTINATION ${CMAKE_INSTALL_DATADIR}/fish/vendor_completions.d)
endif()
