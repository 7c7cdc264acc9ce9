namespace GroundStation.PostProcessing.Cascade;

/// <summary>
/// Bob's first message of a Cascade frame: everything Alice needs to answer parity requests on her copy of the frame.
/// The pass layouts (permutations, confirmation subsets) are derived from <paramref name="Seed"/> by
/// <see cref="CascadePassLayout"/>, so both sides build the same ones.
/// </summary>
/// <param name="FrameId">Caller's frame number (echoed in every message of the frame).</param>
/// <param name="FrameBits">Bits in the frame.</param>
/// <param name="Seed">Agreed seed of the pass layouts.</param>
/// <param name="BlockSizes">Block size of each Cascade pass, in order.</param>
/// <param name="ConfirmationRounds">BICONF rounds after the passes: each one a random half of the frame.</param>
public sealed record CascadeSetup(long FrameId, int FrameBits, ulong Seed, int[] BlockSizes, int ConfirmationRounds)
{
    /// <summary>Passes plus confirmation rounds: the layouts a range may refer to.</summary>
    public int LayoutCount => BlockSizes.Length + ConfirmationRounds;

    /// <summary>Throws with a one-line reason when the setup cannot describe a frame (checked by both sides).</summary>
    public void Validate()
    {
        if (FrameBits < 2 || FrameBits >= CascadeRange.MaxFrameBits)
        {
            throw new ArgumentException($"A Cascade frame has 2 to {CascadeRange.MaxFrameBits - 1} bits, not {FrameBits}.");
        }

        if (BlockSizes is null || BlockSizes.Length == 0 || LayoutCount > CascadeRange.MaxLayouts || ConfirmationRounds < 0)
        {
            throw new ArgumentException($"A Cascade frame has 1 to {CascadeRange.MaxLayouts} passes plus confirmation rounds.");
        }

        foreach (int k in BlockSizes)
        {
            if (k < 2 || k > FrameBits)
            {
                throw new ArgumentException($"Block size {k} is outside 2..{FrameBits} bits.");
            }
        }
    }
}

/// <summary>
/// Bob asks Alice for the parities of ranges of her frame, all those of one protocol step in one message. Range i is
/// [Starts[i], Starts[i] + Lengths[i]) in the coordinates of layout Layouts[i] (see <see cref="CascadePassLayout"/>).
/// Bob's own parities never travel: the message carries positions only.
/// </summary>
public sealed record ParityRequest(long FrameId, int Step, int[] Layouts, int[] Starts, int[] Lengths)
{
    public int Count => Layouts.Length;
}

/// <summary>Alice's parities for one <see cref="ParityRequest"/>, packed LSB first: range i is bit i.</summary>
public sealed record ParityReply(long FrameId, int Step, ulong[] Parities, int Count)
{
    public int this[int index] => (int)(Parities[index >> 6] >> index) & 1;
}
