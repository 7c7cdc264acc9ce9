using System;

namespace GroundStation.InterpreterScenarios
{
    /// <summary>
    /// The scenario program (README.md): the same source runs on nanoCLR (tests/Interpreter/Nano, compiled against
    /// nanoFramework's mscorlib) and on .NET (tests/Interpreter/Desktop), and prints the same lines on both.
    /// Parameters: the build's ScenarioArgs, then the command-line tokens (the interpreter passes none).
    /// nanoCLR reports no unhandled exception, so every failure is printed as an "error" line; "end" closes a run.
    /// </summary>
    public static class Program
    {
        public static void Main(string[] args)
        {
            try
            {
                ScenarioParameters p = new ScenarioParameters();
                p.Apply(BuildArguments.Text);
                for (int i = 0; args != null && i < args.Length; i++)
                {
                    p.Apply(args[i]);
                }

                p.Resolve();
                Report.Line(p.Describe());
                if (p.Mode == 1)
                {
                    CostRun.Run(p);
                }
                else
                {
                    TypingProbe.Run();
                    PassRun run = new PassRun(p);
                    run.Run();
                    Report.Pass(run);
                }
            }
            catch (Exception e)
            {
                Report.Line("error " + e.GetType().FullName + ": " + e.Message);
            }

            Report.Line("end");
        }
    }
}
