#
# FindINTEROP-GroundStation.NativeInterop.cmake - adds the native acquisition core to a custom nf-interpreter image.
# NOT USED IN CI. nf-interpreter finds it as find_package(INTEROP-GroundStation.NativeInterop) when the build is
# configured with -DNF_INTEROP_ASSEMBLIES="GroundStation.NativeInterop" (CMake/Modules/FindNF_NativeAssemblies.cmake,
# PerformSettingsForInteropEntry); copy this file into nf-interpreter's CMake/Modules and set GS_FIRMWARE_NATIVE to
# this repository's firmware/Native (firmware/Native/README.md, "ESP32 image").
#
if(NOT DEFINED GS_FIRMWARE_NATIVE)
    message(FATAL_ERROR "GroundStation.NativeInterop: set -DGS_FIRMWARE_NATIVE=<GroundStationFw>/firmware/Native")
endif()

set(GroundStation.NativeInterop_INCLUDE_DIRS
    "${GS_FIRMWARE_NATIVE}/interop"
    "${GS_FIRMWARE_NATIVE}/esp32"
    "${GS_FIRMWARE_NATIVE}/core/include")

file(GLOB GS_CORE_SOURCES "${GS_FIRMWARE_NATIVE}/core/src/*.c")

# The portable core is the per-event path: compiled for speed. nf-interpreter's ESP32 images build with
# CONFIG_COMPILER_OPTIMIZATION_SIZE=y (-Os; targets/ESP32/_IDF/sdkconfig.default*), and `gsctl bench core`'s ESP32
# estimate is for -O2 (at -Os the same core counts ~12 % more instructions per event: tools/Testbed/Bench/Core/
# README.md). A source file's COMPILE_OPTIONS follow the directory's and the target's on the command line, and GCC
# takes the last -O. (Not built in CI: no ESP-IDF toolchain there.)
set_source_files_properties(${GS_CORE_SOURCES} PROPERTIES COMPILE_OPTIONS "-O2")

set(GroundStation.NativeInterop_SOURCES
    "${GS_FIRMWARE_NATIVE}/interop/gs_nf_interop.cpp"
    "${GS_FIRMWARE_NATIVE}/interop/gs_nf_interop_methods.cpp"
    "${GS_FIRMWARE_NATIVE}/esp32/gs_esp32_acquisition.c"
    ${GS_CORE_SOURCES})

include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(INTEROP-GroundStation.NativeInterop DEFAULT_MSG
    GroundStation.NativeInterop_INCLUDE_DIRS GroundStation.NativeInterop_SOURCES)
