namespace NeuralPDE.Cli;

/// <summary>Builds and runs the <c>neuralpde</c> command line.</summary>
public static class CliApp
{
    public static int Run(string[] args)
    {
        Console.WriteLine("neuralpde: under construction");
        return args.Length >= 0 ? 0 : 1;
    }
}
