using System;
using System.Collections.Generic;
using System.ComponentModel;
using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace GroundStation.OnDeviceBridge
{
    /// <summary>
    /// A theory whose rows are device test names: each row is shown as "Class.Method" and a hardware-in-the-loop
    /// row is reported as skipped with its reason (xUnit 2 cannot skip single theory rows otherwise).
    /// </summary>
    [XunitTestCaseDiscoverer("GroundStation.OnDeviceBridge.DeviceTheoryDiscoverer", "OnDevice.Bridge")]
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
    public sealed class DeviceTheoryAttribute : TheoryAttribute
    {
    }

    public sealed class DeviceTheoryDiscoverer : TheoryDiscoverer
    {
        public DeviceTheoryDiscoverer(IMessageSink diagnosticMessageSink)
            : base(diagnosticMessageSink)
        {
        }

        protected override IEnumerable<IXunitTestCase> CreateTestCasesForDataRow(ITestFrameworkDiscoveryOptions discoveryOptions,
            ITestMethod testMethod, IAttributeInfo theoryAttribute, object[] dataRow)
        {
            string name = dataRow.Length > 0 ? dataRow[0] as string : null;
            string skip = name == null ? null : DeviceTestCatalog.Find(name).SkipReason;
            yield return new DeviceTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(),
                discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, dataRow, skip);
        }
    }

    public sealed class DeviceTestCase : XunitTestCase
    {
        private string skip;

        [EditorBrowsable(EditorBrowsableState.Never)]
        [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
        public DeviceTestCase()
        {
        }

        public DeviceTestCase(IMessageSink sink, TestMethodDisplay display, TestMethodDisplayOptions options, ITestMethod testMethod,
            object[] arguments, string skipReason)
            : base(sink, display, options, testMethod, arguments)
        {
            skip = skipReason;
        }

        protected override string GetDisplayName(IAttributeInfo factAttribute, string displayName)
        {
            return TestMethodArguments != null && TestMethodArguments.Length > 0 && TestMethodArguments[0] is string name
                ? name
                : base.GetDisplayName(factAttribute, displayName);
        }

        protected override string GetSkipReason(IAttributeInfo factAttribute)
        {
            return skip ?? base.GetSkipReason(factAttribute);
        }

        public override void Serialize(IXunitSerializationInfo data)
        {
            base.Serialize(data);
            data.AddValue("DeviceSkip", skip);
        }

        public override void Deserialize(IXunitSerializationInfo data)
        {
            skip = data.GetValue<string>("DeviceSkip");
            base.Deserialize(data);
        }
    }
}
