using System;
using GroundStation.Firmware.Sifting;
using GroundStation.Firmware.Timing;
using GroundStation.Protocol;
using GroundStation.Protocol.Sifting;

namespace GroundStation.InterpreterScenarios
{
    /// <summary>
    /// The result lines of a run, one fact per "name=value", in a fixed order: what is compared line by line between
    /// the desktop and nanoCLR. Numbers only (an enum prints as its number on nanoFramework, so states are named
    /// here), hashes as 8 hex digits through protocol's Hex.
    /// </summary>
    public static class Report
    {
        public static void Line(string text)
        {
            Console.WriteLine(text);
        }

        public static string Hex32(uint value)
        {
            byte[] bytes = new byte[4];
            bytes[0] = (byte)(value >> 24);
            bytes[1] = (byte)(value >> 16);
            bytes[2] = (byte)(value >> 8);
            bytes[3] = (byte)value;
            return Hex.Encode(bytes, 0, 4);
        }

        public static void Pass(PassRun run)
        {
            PassStream s = run.Stream;
            Line("stream events=" + s.Events + " beaconPulses=" + s.BeaconPulsesDetected + " signalClicks=" + s.SignalClicks
                + " secondClicks=" + s.SecondClicks + " backgroundClicks=" + s.BackgroundClicks + " deadTimeLosses=" + s.DeadTimeLosses
                + " crc=" + Hex32(run.StreamCrc));
            Timing(run);
            Sifting(run);
        }

        private static void Timing(PassRun run)
        {
            TimingEngine engine = run.Engine;
            TimingCounters c = engine.Counters;
            Line("timing state=" + StateLog.Name(engine.State) + " indexResolved=" + (engine.IndexResolved ? 1 : 0)
                + " locks=" + c.Locks + " lossesOfLock=" + c.LossesOfLock + " holdoverRecoveries=" + c.HoldoverRecoveries
                + " acquisitionRestarts=" + c.AcquisitionRestarts + " indexResolutions=" + c.IndexResolutions);
            Line("timing detectionsSeen=" + c.DetectionsSeen + " assigned=" + c.Assigned + " droppedUnlocked=" + c.DroppedUnlocked
                + " droppedOutsideWindow=" + c.DroppedOutsideWindow + " droppedUnknownChannel=" + c.DroppedUnknownChannel
                + " droppedOutputFull=" + c.DroppedOutputFull);
            Line("timing beaconEvents=" + c.BeaconEvents + " beaconsAccepted=" + c.BeaconsAccepted + " beaconsRejected=" + c.BeaconsRejected
                + " meanAbsBeaconResidualPs=" + engine.MeanAbsBeaconResidualPs + " rateOffsetPpb=" + engine.RateOffsetPpb);
            ClockModel m = engine.Model;
            Line("model anchorGroundPs=" + m.AnchorGroundPs + " anchorSlot=" + m.AnchorSlot + " anchorFraction=" + m.AnchorFraction
                + " slotsPerPsQ64=" + m.SlotsPerPsQ64 + " rateChangePer2p40Ps=" + m.RateChangePer2p40Ps);
            StateLog log = run.States;
            for (int i = 0; i < log.Kept; i++)
            {
                Line("transition " + i + " groundUs=" + run.Clock.GroundMicroseconds(log.GroundPsAt(i)) + " state=" + StateLog.Name(log.StateAt(i)));
            }

            TimingTruth t = run.Truth;
            Line("truth signalSeen=" + t.SignalSeen + " signalAssigned=" + t.SignalAssigned + " misassigned=" + t.SignalMisassigned
                + " signalDroppedWhileLocked=" + t.SignalDroppedWhileLocked + " backgroundSeen=" + t.BackgroundSeen
                + " backgroundAssigned=" + t.BackgroundAssigned + " beaconChannelEvents=" + t.BeaconChannelEvents);
            Line("timing outputCrc=" + Hex32(run.OutputCrc));
        }

        private static void Sifting(PassRun run)
        {
            SiftingCounters c = run.Sifter.Counters;
            Line("sift clicks=" + c.Clicks + " ignored=" + c.IgnoredClicks + " outOfOrder=" + c.OutOfOrderClicks + " duplicate=" + c.DuplicateClicks
                + " singleClickSlots=" + c.SingleClickSlots + " sameBasisDoubleClicks=" + c.SameBasisDoubleClicks
                + " crossBasisMultiClicks=" + c.CrossBasisMultiClicks + " droppedSlots=" + c.DroppedSlots + " droppedClicks=" + c.DroppedClicks);
            Line("sift announcedSlots=" + c.AnnouncedSlots + " announcementsSent=" + c.AnnouncementsSent + " announceBytes=" + c.AnnounceBytes
                + " matchBytes=" + c.MatchBytes + " siftedBits=" + c.SiftedBits);
            Line("sift blocksClosed=" + c.BlocksClosed + " blocksAccepted=" + c.BlocksAccepted + " blocksAlarmed=" + c.BlocksAlarmed
                + " bitsDisclosed=" + c.BitsDisclosed + " bitsDelivered=" + c.BitsDelivered + " bitsDiscarded=" + c.BitsDiscarded
                + " samplesClamped=" + c.SamplesClamped);
            Line("sift malformed=" + c.MalformedPayloads + " unexpected=" + c.UnexpectedMessages + " internalErrors=" + c.InternalErrors
                + " batchesOutstanding=" + run.Sifter.BatchesOutstanding + " blocksAwaitingHost=" + run.Sifter.BlocksAwaitingHost);
            for (int k = 0; k < 4; k++)
            {
                Line("sift class" + k + " detections=" + c.DetectionsInClass(k) + (k < SiftCodes.ClassCount ? " sifted=" + c.SiftedInClass(k) : string.Empty));
            }

            SatelliteSide sat = run.Satellite;
            for (int i = 0; i < sat.Digests.Length; i++)
            {
                PayloadDigest d = sat.Digests[i];
                if (d.Messages > 0)
                {
                    Line("payload type=" + ((int)MessageType.SiftAnnounce + i) + " messages=" + d.Messages + " bytes=" + d.Bytes + " crc=" + Hex32(d.Crc));
                }
            }

            Line("satellite announcedSlots=" + sat.AnnouncedSlots + " matchedSlots=" + sat.MatchedSlots + " blocksCut=" + sat.BlocksCut
                + " blocksAccepted=" + sat.BlocksAccepted + " blocksDiscarded=" + sat.BlocksDiscarded + " alarms=" + sat.AlarmsReceived);
            Line("satellite sampledBits=" + sat.SampledBits + " sampleErrors=" + sat.SampleErrors + " estimateDisagreements=" + sat.EstimateDisagreements
                + " deliveredBits=" + sat.DeliveredBits + " keyErrors=" + sat.KeyErrors + " basisMismatches=" + sat.BasisMismatches);
            Line("satellite malformed=" + sat.Malformed + " unexpected=" + sat.Unexpected + " refused=" + sat.Refused);
        }
    }
}
