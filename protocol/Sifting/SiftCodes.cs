namespace GroundStation.Protocol.Sifting
{
    /// <summary>Values shared by the ground and satellite sides of sifting (protocol/Sifting/README.md).</summary>
    public static class SiftCodes
    {
        public const int BasisZ = 0;
        public const int BasisX = 1;
        public const int BasisCount = 2;

        /// <summary>Decoy-state intensity classes of the satellite's pulses.</summary>
        public const int ClassSignal = 0;
        public const int ClassDecoy = 1;
        public const int ClassVacuum = 2;

        /// <summary>Intensity classes that carry sifted bits.</summary>
        public const int ClassCount = 3;

        /// <summary>Match-reply class code for a slot the satellite has no record of (nothing sent): never a match.</summary>
        public const int ClassNotSent = 3;

        /// <summary>Estimation counters are indexed class * 2 + basis.</summary>
        public const int CellCount = ClassCount * BasisCount;

        /// <summary>Largest batch or sample a single payload may describe (keeps decoders' work bounded).</summary>
        public const int MaxItemsPerPayload = 65535;

        public static int Cell(int intensityClass, int basis)
        {
            return intensityClass * BasisCount + basis;
        }
    }
}
