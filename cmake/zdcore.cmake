# The core library (everything in fn/ but main.cpp, plus the embedded presets),
# shared by the main build and the fuzz build so that both compile the same code.
#   zd_add_core(<target> <source root>)
# The caller sets ZD_YAML_LIB and ZD_LIBYAML_INCLUDE (see zd_find_libyaml).

# The parser is libyaml, the reference C implementation that go-yaml (kubectl,
# kustomize, kpt, Argo CD) was ported from: it accepts and refuses what they
# do, and parses about five times faster than yaml-cpp (BENCHMARKS.md).
# yaml-cpp stays the independent oracle of the tests and the benchmark floor.
macro(zd_find_libyaml static)
  find_path(ZD_LIBYAML_INCLUDE yaml.h REQUIRED)
  if(${static})
    # A static binary needs no shared library in the image: FROM scratch.
    find_library(ZD_LIBYAML_STATIC NAMES libyaml.a REQUIRED)
    set(ZD_YAML_LIB ${ZD_LIBYAML_STATIC})
  else()
    find_library(ZD_LIBYAML NAMES yaml REQUIRED)
    set(ZD_YAML_LIB ${ZD_LIBYAML})
  endif()
endmacro()

function(zd_add_core target root)
  # presets/*.yaml are the single source of truth for every number: they are
  # embedded at build time, so the binary reads no file at run time.
  file(GLOB presets CONFIGURE_DEPENDS ${root}/presets/*.yaml)
  set(embedded ${CMAKE_BINARY_DIR}/generated/presets_embedded.cpp)
  add_custom_command(
    OUTPUT ${embedded}
    COMMAND ${CMAKE_COMMAND} -DOUT=${embedded} -DIN="${presets}"
            -P ${root}/cmake/embed_presets.cmake
    DEPENDS ${presets} ${root}/cmake/embed_presets.cmake
    COMMENT "Embedding presets/*.yaml")

  # The core: no stdin/stdout in here.
  file(GLOB_RECURSE sources CONFIGURE_DEPENDS ${root}/fn/*.cpp)
  list(REMOVE_ITEM sources ${root}/fn/main.cpp)
  add_library(${target} STATIC ${sources} ${embedded})
  target_include_directories(${target} PUBLIC ${root}/fn)
  target_include_directories(${target} PRIVATE ${ZD_LIBYAML_INCLUDE})
  target_link_libraries(${target} PUBLIC ${ZD_YAML_LIB})
endfunction()
