# Unicode property tables for regex \p{…} (src/pac/uprops.h), generated at
# build time by tools/gen-uprops.py from Debian's unicode-data files, for the
# Linux and the Windows build alike (tools/debian-packages.txt: unicode-data,
# python3). docs/modern-js.md says which Unicode version that is.
set(PP_UNICODE_DIR /usr/share/unicode CACHE PATH "Directory holding Debian's unicode-data files (UnicodeData.txt…)")
find_program(PP_PYTHON3 python3)
if(NOT PP_PYTHON3)
  message(FATAL_ERROR "python3 not found: it generates the Unicode property tables (tools/gen-uprops.py)")
endif()
set(pp_uprops_inputs)
foreach(f UnicodeData.txt Scripts.txt ScriptExtensions.txt PropList.txt DerivedCoreProperties.txt
          DerivedNormalizationProps.txt extracted/DerivedBinaryProperties.txt emoji/emoji-data.txt
          PropertyAliases.txt PropertyValueAliases.txt)
  if(NOT EXISTS ${PP_UNICODE_DIR}/${f})
    message(FATAL_ERROR "${PP_UNICODE_DIR}/${f} not found: install unicode-data")
  endif()
  list(APPEND pp_uprops_inputs ${PP_UNICODE_DIR}/${f})
endforeach()
set(PP_UPROPS_C ${CMAKE_BINARY_DIR}/generated/pp_uprops.c)
add_custom_command(OUTPUT ${PP_UPROPS_C}
  COMMAND ${PP_PYTHON3} ${CMAKE_SOURCE_DIR}/tools/gen-uprops.py ${PP_UNICODE_DIR} ${PP_UPROPS_C}
  DEPENDS ${pp_uprops_inputs} ${CMAKE_SOURCE_DIR}/tools/gen-uprops.py
  COMMENT "Unicode property tables from ${PP_UNICODE_DIR}" VERBATIM)
