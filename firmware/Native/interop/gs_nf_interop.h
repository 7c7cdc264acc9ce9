//
// gs_nf_interop.h - nanoFramework native interop for GroundStation.NativeInterop (firmware/Native/Managed): the
// declarations of the InternalCall methods of GroundStation.Firmware.Native.NativeAcquisition.
//
// NOT COMPILED IN CI: it needs nf-interpreter's CLR headers and is built only into a custom ESP32 image
// (firmware/Native/README.md, "ESP32 image"). The names follow the MetadataProcessor's stub convention
// (Library_<assembly>_<namespace>_<class>::<Method>___STATIC__<return>__<parameters>, NativeMethodsCrc.GetMethodName);
// they are also what the assembly's native checksum is computed from.
//
#ifndef GS_NF_INTEROP_H
#define GS_NF_INTEROP_H

#include <nanoCLR_Interop.h>
#include <nanoCLR_Runtime.h>
#include <nanoCLR_Checks.h>

struct Library_GroundStation_NativeInterop_GroundStation_Firmware_Native_NativeAcquisition
{
    NANOCLR_NATIVE_DECLARE(Start___STATIC__I4__I4__I4__I4__I4__I4__I4__I4__SZARRAY_I4);
    NANOCLR_NATIVE_DECLARE(Stop___STATIC__I4);
    NANOCLR_NATIVE_DECLARE(Configure___STATIC__I4__I8__SZARRAY_I4__SZARRAY_I4__I8__SZARRAY_U1__I4__I4__I4__I4);
    NANOCLR_NATIVE_DECLARE(SetCoarsePrediction___STATIC__I4__I8__I8__I8);
    NANOCLR_NATIVE_DECLARE(SetOverLight___STATIC__I4__I4__I4__BOOLEAN);
    NANOCLR_NATIVE_DECLARE(SetOldestBatch___STATIC__I4__U4);
    NANOCLR_NATIVE_DECLARE(TakeClosedBatch___STATIC__I4__SZARRAY_U1__SZARRAY_U1__SZARRAY_U1__SZARRAY_I8);
    NANOCLR_NATIVE_DECLARE(TakeNotices___STATIC__I4__SZARRAY_I4);
    NANOCLR_NATIVE_DECLARE(ReadCounters___STATIC__I4__SZARRAY_I8);
};

extern const CLR_RT_NativeAssemblyData g_CLR_AssemblyNative_GroundStation_NativeInterop;

#endif // GS_NF_INTEROP_H
