using System;
using System.Linq;
using GroundStation.OnDeviceBridge.SelfTest;
using nanoFramework.TestFramework;
using Xunit;
using XAssert = Xunit.Assert;

namespace GroundStation.OnDeviceBridge
{
    /// <summary>The bridge itself: discovery, lifecycle, and that a failing device test fails the desktop run.</summary>
    public class BridgeSelfTests
    {
        private const string SampleNamespace = "GroundStation.OnDeviceBridge.SelfTest";

        private static DeviceTest Sample(string name)
        {
            return DeviceTestCatalog.Discover(typeof(BridgeSelfTests).Assembly, SampleNamespace).Single(t => t.Name == name);
        }

        [Fact]
        public void A_failing_device_test_fails_with_the_device_assertion_message()
        {
            AssertFailedException failure = XAssert.Throws<AssertFailedException>(
                () => DeviceTestRunner.Run(Sample("FailingSample.Two_is_not_one")));

            XAssert.Contains("Expected:<1>. Actual:<2>", failure.Message);
            XAssert.Contains("deliberate failure", failure.Message);
        }

        [Fact]
        public void The_device_theory_fails_for_a_failing_device_test()
        {
            // The same call DeviceSuiteTests.Device makes for each row: an exception here is a failed desktop test.
            XAssert.ThrowsAny<Exception>(() => DeviceTestRunner.Run(Sample("FailingSample.Two_is_not_one")));
        }

        [Fact]
        public void Setup_runs_before_and_cleanup_after_a_throwing_test()
        {
            LifecycleSample.Log.Clear();

            XAssert.Throws<InvalidOperationException>(() => DeviceTestRunner.Run(Sample("LifecycleSample.Throws_after_setup")));

            XAssert.Equal(new object[] { "setup", "test", "cleanup" }, LifecycleSample.Log.ToArray());
        }

        [Fact]
        public void Every_data_row_runs_within_one_desktop_test()
        {
            LifecycleSample.Log.Clear();

            DeviceTestRunner.Run(Sample("LifecycleSample.Adds"));

            XAssert.Equal(new object[] { "setup", "row 1", "row 10", "cleanup" }, LifecycleSample.Log.ToArray());
        }

        [Fact]
        public void SkipTest_is_reported_with_output_not_as_a_failure()
        {
            DeviceTestOutcome outcome = DeviceTestRunner.Run(Sample("SkippingSample.Skips"));

            XAssert.True(outcome.Skipped);
            XAssert.Equal("no bench attached", outcome.SkipMessage);
            XAssert.Contains("before skip", outcome.Output);
        }

        [Fact]
        public void Device_suite_holds_device_classes_only_and_names_them_Class_Method()
        {
            XAssert.NotEmpty(DeviceTestCatalog.DeviceSuite);
            XAssert.All(DeviceTestCatalog.DeviceSuite, t => XAssert.Equal(DeviceTestCatalog.DeviceNamespace, t.TestClass.Namespace));
            XAssert.DoesNotContain(DeviceTestCatalog.DeviceSuite, t => t.TestClass == typeof(FailingSample));
            XAssert.Contains(DeviceTestCatalog.DeviceSuite, t => t.Name == "ChecksumVectorTests.Crc16_ccitt_false_of_the_check_string_is_29B1");
        }

        [Fact]
        public void Hardware_in_the_loop_tests_carry_a_skip_reason()
        {
            DeviceTest[] hil = DeviceTestCatalog.DeviceSuite.Where(t => t.SkipReason != null).ToArray();

            XAssert.NotEmpty(hil);
            XAssert.All(hil, t => XAssert.StartsWith("hardware in the loop", t.SkipReason));
        }
    }
}
