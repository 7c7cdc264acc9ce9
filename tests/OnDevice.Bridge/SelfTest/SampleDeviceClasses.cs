using System;
using System.Collections;
using nanoFramework.TestFramework;

// Samples for the bridge's own tests. They are compiled only into the bridge, in a namespace the device-suite
// catalogue does not scan, so the deliberately failing one never reaches the device suite.
namespace GroundStation.OnDeviceBridge.SelfTest
{
    [TestClass]
    public class FailingSample
    {
        [TestMethod]
        public void Two_is_not_one()
        {
            Assert.AreEqual(1, 2, "deliberate failure");
        }
    }

    [TestClass]
    public class LifecycleSample
    {
        public static readonly ArrayList Log = new ArrayList();

        [Setup]
        public void Open()
        {
            Log.Add("setup");
        }

        [TestMethod]
        public void Throws_after_setup()
        {
            Log.Add("test");
            throw new InvalidOperationException("boom");
        }

        [TestMethod]
        [DataRow(1, 2, 3)]
        [DataRow(10, -4, 6)]
        public void Adds(int a, int b, int sum)
        {
            Log.Add("row " + a);
            Assert.AreEqual(sum, a + b);
        }

        [Cleanup]
        public void Close()
        {
            Log.Add("cleanup");
        }
    }

    [TestClass]
    public class SkippingSample
    {
        [TestMethod]
        public void Skips()
        {
            OutputHelper.WriteLine("before skip");
            Assert.SkipTest("no bench attached");
        }
    }
}
