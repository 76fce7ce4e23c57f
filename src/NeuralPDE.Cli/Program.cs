namespace NeuralPDE.Cli;

public static class Program
{
    public static int Main(string[] args)
    {
        // libtorch's megabyte-sized temporaries: keep freed memory in the heap instead of re-faulting it every step.
        NeuralPDE.Numerics.Torch.NativeHeap.KeepFreedMemory();
        return CliApp.Run(args);
    }
}
