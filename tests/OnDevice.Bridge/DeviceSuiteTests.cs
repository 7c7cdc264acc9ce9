using System.Linq;
using Xunit;
using Xunit.Abstractions;

namespace GroundStation.OnDeviceBridge
{
    /// <summary>Every device test of tests/OnDevice, run on the desktop: one result per device [TestMethod].</summary>
    public class DeviceSuiteTests
    {
        private readonly ITestOutputHelper output;

        public DeviceSuiteTests(ITestOutputHelper output)
        {
            this.output = output;
        }

        public static TheoryData<string> DeviceTests()
        {
            TheoryData<string> data = new TheoryData<string>();
            foreach (DeviceTest test in DeviceTestCatalog.DeviceSuite)
            {
                data.Add(test.Name);
            }

            return data;
        }

        [DeviceTheory]
        [MemberData(nameof(DeviceTests))]
        public void Device(string test)
        {
            DeviceTestOutcome outcome = DeviceTestRunner.Run(DeviceTestCatalog.Find(test));
            if (outcome.Output.Length > 0)
            {
                output.WriteLine(outcome.Output);
            }

            if (outcome.Skipped)
            {
                output.WriteLine("device test skipped itself: " + outcome.SkipMessage);
            }
        }

        [Fact]
        public void The_suite_is_not_empty()
        {
            Assert.True(DeviceTestCatalog.DeviceSuite.Count(t => t.SkipReason == null) >= 10);
        }
    }
}
