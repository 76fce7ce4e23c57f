using NeuralPDE.Tests.Support;

namespace NeuralPDE.Tests.Notebooks;

/// <summary>Every notebook in notebooks/ runs top to bottom without error.</summary>
public class NotebookTests
{
    public static TheoryData<string> Notebooks()
    {
        var data = new TheoryData<string>();
        foreach (string path in Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "notebooks"), "*.ipynb").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(path));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public async Task NotebookRunsToTheEnd(string notebook)
    {
        var result = await NotebookRunner.RunAsync(Path.Combine(RepoPaths.Root, "notebooks", notebook));
        Assert.True(result.CellsRun > 0, $"{notebook} has no C# cells");
        Assert.DoesNotContain("Exception", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABrokenCellIsReportedWithItsNumber()
    {
        string path = Path.Combine(Path.GetTempPath(), $"broken-{Guid.NewGuid():N}.ipynb");
        File.WriteAllText(path, """
            {"cells":[
              {"cell_type":"markdown","metadata":{},"source":["# t"]},
              {"cell_type":"code","metadata":{"polyglot_notebook":{"kernelName":"csharp"}},"source":["var a = 1;"]},
              {"cell_type":"code","metadata":{"polyglot_notebook":{"kernelName":"csharp"}},"source":["var b = a + undefinedThing;"]}
            ],"metadata":{},"nbformat":4,"nbformat_minor":5}
            """);
        try
        {
            var e = await Assert.ThrowsAsync<InvalidOperationException>(() => NotebookRunner.RunAsync(path));
            Assert.Contains("cell 2", e.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
