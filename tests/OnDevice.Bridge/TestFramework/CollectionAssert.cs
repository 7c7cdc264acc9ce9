using System.Collections;

namespace nanoFramework.TestFramework
{
    /// <summary>Stand-in for nanoFramework.TestFramework's CollectionAssert (non-generic ICollection).</summary>
    public sealed class CollectionAssert
    {
        private CollectionAssert()
        {
        }

        public static void Empty(ICollection collection, string message = "")
        {
            if (collection == null || collection.Count != 0)
            {
                Assert.Fail("CollectionAssert.Empty", "Expected an empty collection. " + message);
            }
        }

        public static void NotEmpty(ICollection collection, string message = "")
        {
            if (collection == null || collection.Count == 0)
            {
                Assert.Fail("CollectionAssert.NotEmpty", "Expected a non-empty collection. " + message);
            }
        }

        public static void AreEqual(ICollection expected, ICollection actual, string message = "")
        {
            string difference = Difference(expected, actual);
            if (difference != null)
            {
                Assert.Fail("CollectionAssert.AreEqual", difference + " " + message);
            }
        }

        public static void AreNotEqual(ICollection notExpected, ICollection actual, string message = "")
        {
            if (Difference(notExpected, actual) == null)
            {
                Assert.Fail("CollectionAssert.AreNotEqual", "Expected different collections. " + message);
            }
        }

        private static string Difference(ICollection expected, ICollection actual)
        {
            if (expected == null || actual == null)
            {
                return expected == actual ? null : "One collection is null.";
            }

            if (expected.Count != actual.Count)
            {
                return "Expected " + expected.Count + " elements, got " + actual.Count + ".";
            }

            // Through IEnumerable, the interface that declares GetEnumerator (NanoGuard looks members up on the receiver).
            IEnumerator left = ((IEnumerable)expected).GetEnumerator();
            IEnumerator right = ((IEnumerable)actual).GetEnumerator();
            int index = 0;
            while (left.MoveNext() && right.MoveNext())
            {
                if (!Equals(left.Current, right.Current))
                {
                    return "Element " + index + " differs: expected <" + left.Current + ">, got <" + right.Current + ">.";
                }

                index++;
            }

            return null;
        }
    }
}
