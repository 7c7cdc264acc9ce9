//
// gs_nf_interop.cpp - the native method table and assembly record of GroundStation.NativeInterop.
//
// NOT COMPILED IN CI (nf-interpreter's CLR headers only exist in a custom image's build tree).
//
// The CLR matches this record to the deployed GroundStation.NativeInterop.pe by name and by the native checksum in
// the .pe's header (nf-interpreter src/CLR/Startup/CLRStartup.cpp refuses the assembly on a mismatch, "Invalid
// native checksum"). method_lookup has one entry per method of the assembly in the MetadataProcessor's order
// (per type: virtual, instance, then static methods, each in declaration order; NULL for a method with IL):
// NativeAcquisition has only static InternalCall methods, so the entries follow NativeAcquisition.cs line by line.
// How 0xD2137E06 was obtained and checked: firmware/Native/README.md, "ESP32 image".
//
#include "gs_nf_interop.h"

// clang-format off
static const CLR_RT_MethodHandler method_lookup[] =
{
    Library_GroundStation_NativeInterop_GroundStation_Firmware_Native_NativeAcquisition::Start___STATIC__I4__I4__I4__I4__I4__I4__I4__I4__SZARRAY_I4,
    Library_GroundStation_NativeInterop_GroundStation_Firmware_Native_NativeAcquisition::Stop___STATIC__I4,
    Library_GroundStation_NativeInterop_GroundStation_Firmware_Native_NativeAcquisition::Configure___STATIC__I4__I8__SZARRAY_I4__SZARRAY_I4__I8__SZARRAY_U1__I4__I4__I4__I4,
    Library_GroundStation_NativeInterop_GroundStation_Firmware_Native_NativeAcquisition::SetCoarsePrediction___STATIC__I4__I8__I8__I8,
    Library_GroundStation_NativeInterop_GroundStation_Firmware_Native_NativeAcquisition::SetOverLight___STATIC__I4__I4__I4__BOOLEAN,
    Library_GroundStation_NativeInterop_GroundStation_Firmware_Native_NativeAcquisition::SetOldestBatch___STATIC__I4__U4,
    Library_GroundStation_NativeInterop_GroundStation_Firmware_Native_NativeAcquisition::TakeClosedBatch___STATIC__I4__SZARRAY_U1__SZARRAY_U1__SZARRAY_U1__SZARRAY_I8,
    Library_GroundStation_NativeInterop_GroundStation_Firmware_Native_NativeAcquisition::TakeNotices___STATIC__I4__SZARRAY_I4,
    Library_GroundStation_NativeInterop_GroundStation_Firmware_Native_NativeAcquisition::ReadCounters___STATIC__I4__SZARRAY_I8,
};

const CLR_RT_NativeAssemblyData g_CLR_AssemblyNative_GroundStation_NativeInterop =
{
    "GroundStation.NativeInterop",
    0xD2137E06,     // native checksum of GroundStation.NativeInterop.pe (MetadataProcessor, README "ESP32 image")
    method_lookup,
    { 1, 0, 0, 0 }  // the managed assembly's version (AssemblyVersion 1.0.0.0)
};
// clang-format on
