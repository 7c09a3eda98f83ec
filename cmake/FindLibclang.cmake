# Finds libclang 17 or newer (19 preferred) and the directory of clang's
# builtin headers (stddef.h, stdarg.h), which libclang needs at run time.
# Defines the imported target piiflow::libclang and PIIFLOW_CLANG_RESOURCE_DIR.

set(_pf_llvm_roots)
foreach(v 21 20 19 18 17)
  list(APPEND _pf_llvm_roots /usr/lib/llvm-${v})
endforeach()

find_path(LIBCLANG_INCLUDE_DIR clang-c/Index.h
  HINTS ${LIBCLANG_ROOT}/include
  PATHS ${_pf_llvm_roots}
  PATH_SUFFIXES include
  NO_DEFAULT_PATH)
find_path(LIBCLANG_INCLUDE_DIR clang-c/Index.h)

if(LIBCLANG_INCLUDE_DIR)
  get_filename_component(_pf_llvm_root ${LIBCLANG_INCLUDE_DIR} DIRECTORY)
endif()
find_library(LIBCLANG_LIBRARY NAMES clang libclang
  HINTS ${LIBCLANG_ROOT}/lib ${_pf_llvm_root}/lib NO_DEFAULT_PATH)
find_library(LIBCLANG_LIBRARY NAMES clang libclang)

if(NOT LIBCLANG_INCLUDE_DIR OR NOT LIBCLANG_LIBRARY)
  message(FATAL_ERROR "piiflow needs libclang 17 or newer: install the Debian package "
    "libclang-19-dev (apt-get install libclang-19-dev), or set LIBCLANG_ROOT")
endif()

# libclang 17 added clang_getCursorBinaryOperatorKind and
# clang_getCursorUnaryOperatorKind; piiflow reads operators only through them.
file(STRINGS ${LIBCLANG_INCLUDE_DIR}/clang-c/Index.h _pf_has_binop
  REGEX "clang_getCursorBinaryOperatorKind")
if(NOT _pf_has_binop)
  message(FATAL_ERROR "libclang at ${LIBCLANG_INCLUDE_DIR} is older than 17 "
    "(no clang_getCursorBinaryOperatorKind): install the Debian package libclang-19-dev "
    "(apt-get install libclang-19-dev) and remove the older libclang-dev from the search path")
endif()

file(GLOB _pf_resource_dirs ${_pf_llvm_root}/lib/clang/*)
set(PIIFLOW_CLANG_RESOURCE_DIR "")
foreach(d ${_pf_resource_dirs})
  if(EXISTS ${d}/include/stddef.h)
    set(PIIFLOW_CLANG_RESOURCE_DIR ${d})
  endif()
endforeach()
if(NOT PIIFLOW_CLANG_RESOURCE_DIR)
  message(WARNING "clang's builtin headers (stddef.h) were not found under "
    "${_pf_llvm_root}/lib/clang: install libclang-common-19-dev")
endif()

add_library(piiflow::libclang UNKNOWN IMPORTED)
set_target_properties(piiflow::libclang PROPERTIES
  IMPORTED_LOCATION ${LIBCLANG_LIBRARY}
  INTERFACE_INCLUDE_DIRECTORIES ${LIBCLANG_INCLUDE_DIR})
message(STATUS "libclang: ${LIBCLANG_LIBRARY} (resource dir ${PIIFLOW_CLANG_RESOURCE_DIR})")
