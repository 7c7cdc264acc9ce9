//
// gs_nf_interop_methods.cpp - the InternalCall bodies of GroundStation.Firmware.Native.NativeAcquisition: argument
// checks and marshalling only, each a thin call into firmware/Native/esp32 (gs_esp32_acquisition.h).
//
// NOT COMPILED IN CI (nf-interpreter's CLR headers only exist in a custom image's build tree), and unlike the C glue
// not syntax-checked by the desktop build either: after a change to a core struct it reads (gs_announce_batch,
// gs_timing_config), check this file by hand. Static methods have
// no `this`: argument n is stack.Arg<n>(), the result is set with stack.SetResult_I4. Arrays arrive as
// CLR_RT_HeapBlock_Array (DereferenceArray), their payload at GetFirstElement() with m_numOfElements entries.
//
#include "gs_nf_interop.h"

extern "C"
{
#include "gs_esp32_acquisition.h"
}

typedef Library_GroundStation_NativeInterop_GroundStation_Firmware_Native_NativeAcquisition NativeAcquisition;

// An int[]/long[]/byte[] argument with at least `minimum` elements, or an ArgumentNull / IndexOutOfRange exception.
static HRESULT ArrayArgument(CLR_RT_HeapBlock &arg, CLR_UINT32 minimum, CLR_RT_HeapBlock_Array *&array)
{
    NANOCLR_HEADER();
    array = arg.DereferenceArray();
    FAULT_ON_NULL_ARG(array);
    if (array->m_numOfElements < minimum)
    {
        NANOCLR_SET_AND_LEAVE(CLR_E_INDEX_OUT_OF_RANGE);
    }
    NANOCLR_NOCLEANUP();
}

HRESULT NativeAcquisition::Start___STATIC__I4__I4__I4__I4__I4__I4__I4__I4__SZARRAY_I4(CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();
    CLR_RT_HeapBlock_Array *gates = NULL;
    struct gs_esp32_bus bus;
    memset(&bus, 0, sizeof(bus));
    NANOCLR_CHECK_HRESULT(ArrayArgument(stack.Arg7(), 0, gates));
    if (gates->m_numOfElements > GS_ESP32_MAX_GATES)
    {
        NANOCLR_SET_AND_LEAVE(CLR_E_INDEX_OUT_OF_RANGE);
    }
    bus.spi_host = stack.Arg0().NumericByRef().s4;
    bus.sclk_pin = stack.Arg1().NumericByRef().s4;
    bus.mosi_pin = stack.Arg2().NumericByRef().s4;
    bus.miso_pin = stack.Arg3().NumericByRef().s4;
    bus.cs_pin = stack.Arg4().NumericByRef().s4;
    bus.ready_pin = stack.Arg5().NumericByRef().s4;
    bus.clock_hz = stack.Arg6().NumericByRef().s4;
    bus.gate_count = (int32_t)gates->m_numOfElements;
    memcpy(bus.gate_pins, gates->GetFirstElement(), gates->m_numOfElements * sizeof(int32_t));
    stack.SetResult_I4(gs_esp32_start(&bus));
    NANOCLR_NOCLEANUP();
}

HRESULT NativeAcquisition::Stop___STATIC__I4(CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();
    stack.SetResult_I4(gs_esp32_stop());
    NANOCLR_NOCLEANUP_NOLABEL();
}

HRESULT NativeAcquisition::Configure___STATIC__I4__I8__SZARRAY_I4__SZARRAY_I4__I8__SZARRAY_U1__I4__I4__I4__I4(
    CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();
    CLR_RT_HeapBlock_Array *settings = NULL;
    CLR_RT_HeapBlock_Array *limits = NULL;
    CLR_RT_HeapBlock_Array *roles = NULL;
    gs_timing_config timing;
    NANOCLR_CHECK_HRESULT(ArrayArgument(stack.Arg1(), 0, settings));
    NANOCLR_CHECK_HRESULT(ArrayArgument(stack.Arg2(), 1, limits));
    NANOCLR_CHECK_HRESULT(ArrayArgument(stack.Arg4(), 256, roles));
    {
        // The int32 fields of gs_timing_config after pulse_rate_hz, in declaration order, then beacon_channel last
        // (NativeAcquisition.Configure). The struct's int32 run is contiguous: it starts at beacon_period_slots and
        // ends before beacon_channel (a uint8), so it is filled field by field from the array.
        gs_timing_config_default(&timing);
        timing.pulse_rate_hz = stack.Arg0().NumericByRef().s8;
        int32_t *fields = &timing.beacon_period_slots;
        int32_t fieldCount = (int32_t)((reinterpret_cast<uint8_t *>(&timing.beacon_channel) -
                                        reinterpret_cast<uint8_t *>(fields)) / sizeof(int32_t));
        const int32_t *source = reinterpret_cast<const int32_t *>(settings->GetFirstElement());
        if ((int32_t)settings->m_numOfElements != fieldCount + 1)
        {
            NANOCLR_SET_AND_LEAVE(CLR_E_INDEX_OUT_OF_RANGE);
        }
        for (int32_t i = 0; i < fieldCount; i++)
        {
            fields[i] = source[i];
        }
        timing.beacon_channel = (uint8_t)source[fieldCount];
        stack.SetResult_I4(gs_esp32_configure(&timing, reinterpret_cast<const int32_t *>(limits->GetFirstElement()),
            (int32_t)limits->m_numOfElements, stack.Arg3().NumericByRef().s8, roles->GetFirstElement(),
            stack.Arg5().NumericByRef().s4, stack.Arg6().NumericByRef().s4, stack.Arg7().NumericByRef().s4,
            stack.ArgN(8).NumericByRef().s4));
    }
    NANOCLR_NOCLEANUP();
}

HRESULT NativeAcquisition::SetCoarsePrediction___STATIC__I4__I8__I8__I8(CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();
    stack.SetResult_I4(gs_esp32_set_coarse_prediction(stack.Arg0().NumericByRef().s8, stack.Arg1().NumericByRef().s8,
        stack.Arg2().NumericByRef().s8));
    NANOCLR_NOCLEANUP_NOLABEL();
}

HRESULT NativeAcquisition::SetOverLight___STATIC__I4__I4__I4__BOOLEAN(CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();
    stack.SetResult_I4(gs_esp32_set_overlight(stack.Arg0().NumericByRef().s4, stack.Arg1().NumericByRef().s4,
        stack.Arg2().NumericByRef().u1 != 0));
    NANOCLR_NOCLEANUP_NOLABEL();
}

HRESULT NativeAcquisition::SetOldestBatch___STATIC__I4__U4(CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();
    stack.SetResult_I4(gs_esp32_set_oldest_batch(stack.Arg0().NumericByRef().u4));
    NANOCLR_NOCLEANUP_NOLABEL();
}

HRESULT NativeAcquisition::TakeClosedBatch___STATIC__I4__SZARRAY_U1__SZARRAY_U1__SZARRAY_U1__SZARRAY_I8(
    CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();
    // One batch is ~5 KB: static, not on the CLR thread's stack. Only the CLR thread calls these methods.
    static struct gs_announce_batch batch;
    CLR_RT_HeapBlock_Array *deltas = NULL;
    CLR_RT_HeapBlock_Array *roles = NULL;
    CLR_RT_HeapBlock_Array *bases = NULL;
    CLR_RT_HeapBlock_Array *info = NULL;
    NANOCLR_CHECK_HRESULT(ArrayArgument(stack.Arg0(), 0, deltas));
    NANOCLR_CHECK_HRESULT(ArrayArgument(stack.Arg1(), 0, roles));
    NANOCLR_CHECK_HRESULT(ArrayArgument(stack.Arg2(), 0, bases));
    NANOCLR_CHECK_HRESULT(ArrayArgument(stack.Arg3(), 6, info));
    {
        int32_t count = gs_esp32_take_closed_batch(&batch);
        if (count > 0)
        {
            int32_t basisBytes = (count + 7) / 8;
            if ((int32_t)deltas->m_numOfElements < batch.info.delta_bytes || (int32_t)roles->m_numOfElements < count ||
                (int32_t)bases->m_numOfElements < basisBytes)
            {
                // The batch is gone from the queue: managed code sized the arrays from the configured capacity, so
                // this is a programming error, raised rather than hidden.
                NANOCLR_SET_AND_LEAVE(CLR_E_INDEX_OUT_OF_RANGE);
            }
            memcpy(deltas->GetFirstElement(), batch.deltas, (size_t)batch.info.delta_bytes);
            memcpy(roles->GetFirstElement(), batch.roles, (size_t)count);
            memcpy(bases->GetFirstElement(), batch.basis_bits, (size_t)basisBytes);
            int64_t *out = reinterpret_cast<int64_t *>(info->GetFirstElement());
            out[0] = batch.info.first_slot;
            out[1] = batch.info.last_slot;
            out[2] = batch.info.number;
            out[3] = count;
            out[4] = batch.info.delta_bytes;
            out[5] = batch.info.encoded_length;
        }
        stack.SetResult_I4(count);
    }
    NANOCLR_NOCLEANUP();
}

HRESULT NativeAcquisition::TakeNotices___STATIC__I4__SZARRAY_I4(CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();
    CLR_RT_HeapBlock_Array *notices = NULL;
    NANOCLR_CHECK_HRESULT(ArrayArgument(stack.Arg0(), 2, notices));
    stack.SetResult_I4(gs_esp32_take_notices(reinterpret_cast<int32_t *>(notices->GetFirstElement()),
        (int32_t)notices->m_numOfElements));
    NANOCLR_NOCLEANUP();
}

HRESULT NativeAcquisition::ReadCounters___STATIC__I4__SZARRAY_I8(CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();
    CLR_RT_HeapBlock_Array *counters = NULL;
    NANOCLR_CHECK_HRESULT(ArrayArgument(stack.Arg0(), GS_ESP32_COUNTER_COUNT, counters));
    stack.SetResult_I4(gs_esp32_read_counters(reinterpret_cast<int64_t *>(counters->GetFirstElement()),
        (int32_t)counters->m_numOfElements));
    NANOCLR_NOCLEANUP();
}
