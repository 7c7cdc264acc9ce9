namespace GroundStation.Hal.Fakes;

/// <summary>
/// A complete board made of fakes, wired into a <see cref="BoardResources"/> the firmware application can run on.
/// Chips without a model are absent (MISO reads 0xFF). A chip model is attached with the bus settings of its driver
/// (the caller takes them from the driver, as a board adapter does), so a model refuses a frame in the wrong mode.
/// Every fake is exposed so a test can drive and inspect it; all share one <see cref="VirtualClock"/> and the
/// board's fault counters. Without a <paramref name="wiring"/> the board carries the FIFO tagger and the bench's
/// detector front end (<see cref="BoardWiring.BenchFrontEnd"/>).
/// </summary>
public sealed class FakeBoard
{
    public const int TaggerChipSelect = 1;
    public const int DacChipSelect = 2;
    public const int AdcChipSelect = 3;
    public const int TaggerInterruptPin = 10;
    public const int FirstGatePin = 20;
    public const int FirstFaultPin = 30;
    public const int ShutterPin = 40;

    public FakeBoard(
        ISpiDeviceModel? tagger = null,
        ISpiDeviceModel? dac = null,
        ISpiDeviceModel? adc = null,
        BufferBudget? buffers = null,
        ulong randomSeed = 1,
        string name = "fake",
        BoardWiring? wiring = null,
        SpiBusSettings? taggerBus = null,
        SpiBusSettings? dacBus = null,
        SpiBusSettings? adcBus = null)
    {
        Resources = new BoardResources(name);
        var faults = Resources.Faults;
        Resources.Wiring = wiring ?? BoardWiring.BenchFrontEnd(TaggerKind.FifoTagger);
        Clock = new VirtualClock();
        Spi = new FakeSpiBus { Clock = Clock, Faults = faults };
        Resources.Tagger = Attach(TaggerChipSelect, "tagger", tagger, taggerBus);
        Resources.Dac = Attach(DacChipSelect, "dac", dac, dacBus);
        Resources.Adc = Attach(AdcChipSelect, "adc", adc, adcBus);

        TaggerInterrupt = new FakeDigitalInput(TaggerInterruptPin, "tagger IRQ", Clock);
        Resources.TaggerInterrupt = TaggerInterrupt;
        DetectorGates = new FakeDigitalOutput[BoardResources.DetectorCount];
        DetectorFaults = new FakeDigitalInput[BoardResources.DetectorCount];
        for (int i = 0; i < BoardResources.DetectorCount; i++)
        {
            DetectorGates[i] = new FakeDigitalOutput(FirstGatePin + i, $"detector {i} gate", Clock) { Faults = faults };
            DetectorFaults[i] = new FakeDigitalInput(FirstFaultPin + i, $"detector {i} fault", Clock);
            Resources.DetectorGates[i] = DetectorGates[i];
            Resources.DetectorFaults[i] = DetectorFaults[i];
        }

        Shutter = new FakeDigitalOutput(ShutterPin, "shutter", Clock) { Faults = faults };
        Resources.Shutter = Shutter;
        Serial = new FakeSerialPair(Clock);
        Serial.A.Faults = faults;
        Resources.HostSerial = Serial.A;
        Resources.Clock = Clock;
        Store = new FakeConfigStore(faults: faults);
        Resources.ConfigStore = Store;
        Watchdog = new FakeWatchdog(Clock);
        Resources.Watchdog = Watchdog;
        Led = new FakeStatusLed(Clock);
        Resources.StatusLed = Led;
        Random = new SeededRandomSource(randomSeed);
        Resources.Random = Random;
        Resources.Buffers = buffers ?? BufferBudget.Large();
        Resources.Validate();
    }

    public BoardResources Resources { get; }

    public VirtualClock Clock { get; }

    public FakeSpiBus Spi { get; }

    public FakeDigitalInput TaggerInterrupt { get; }

    public FakeDigitalOutput[] DetectorGates { get; }

    public FakeDigitalInput[] DetectorFaults { get; }

    public FakeDigitalOutput Shutter { get; }

    /// <summary>A = firmware end (in <see cref="Resources"/>), B = host end.</summary>
    public FakeSerialPair Serial { get; }

    public FakeConfigStore Store { get; }

    public FakeWatchdog Watchdog { get; }

    public FakeStatusLed Led { get; }

    public SeededRandomSource Random { get; }

    /// <summary>True when every detector gate is low: the safe state the firmware must fall back to on a fault.</summary>
    public bool AllDetectorsGatedOff => DetectorGates.All(g => !g.IsHigh);

    private ISpiDevice Attach(int chipSelect, string name, ISpiDeviceModel? model, SpiBusSettings? bus) =>
        model is null ? Spi.AttachAbsent(chipSelect, name)
            : Spi.Attach(chipSelect, name, model, bus ?? throw new ArgumentNullException(
                nameof(bus), $"the {name} model needs the bus settings of its driver (as a board adapter takes them)"));
}
