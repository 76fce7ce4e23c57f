// The best case for recycling: one fixed Darcy matrix (80², seed 0) and 20 random right-hand sides, GMRES(40) against
// GCRO-DR(40, 20) that keeps its recycle space (matrixChanged = false; update interval 1 as in Parks et al., and 4 as
// `bench krylov`'s default), tol 1e-8, after one warm-up solve. A sorted sequence of different matrices cannot do better than this, so its iteration ratio bounds the
// speedup of `bench krylov`. Run after a Release build:
//   dotnet build src/NeuralPDE.Cli -c Release && dotnet fsi tests/NeuralPDE.Tests/Krylov/fixed_matrix_limit.fsx
#r "../../../src/NeuralPDE.Cli/bin/Release/net10.0/NeuralPDE.Core.dll"
#r "../../../src/NeuralPDE.Cli/bin/Release/net10.0/NeuralPDE.Numerics.dll"
#r "../../../src/NeuralPDE.Cli/bin/Release/net10.0/MathNet.Numerics.dll"
open System
open NeuralPDE.Core.Specs
open NeuralPDE.Core.Families.Darcy
open NeuralPDE.Numerics.Krylov
open NeuralPDE.Numerics.Linear

Environment.SetEnvironmentVariable("NEURALPDE_PROBLEMS_DIR", IO.Path.Combine(__SOURCE_DIRECTORY__, "../../../problems"))
let darcy = DarcyProblem.FromSpec(ProblemCatalog.Problems().Load("darcy-2d", [||]))
let a = DarcySystemSequence.Create(darcy, 80, 1).[0].Build.Invoke().Matrix
let n = a.Size
let rng = Random(1)
let rhs = [| for _ in 0 .. 20 -> Array.init n (fun _ -> rng.NextDouble() - 0.5) |]

let perRightHandSide (solve: int -> LinearSolveResult) =
    let clock = Diagnostics.Stopwatch.StartNew()
    let mutable its = 0
    for j in 1 .. 20 do
        let r = solve j
        if not r.Converged then failwithf "no convergence on right-hand side %d" j
        its <- its + r.Iterations
    float its / 20.0, clock.Elapsed.TotalSeconds / 20.0

for name, factory in [ "none", (null: IPreconditionerFactory); "ilu0", Ilu0Preconditioner.Factory ] do
    let gmres = Gmres(40, 1e-8, 50000, factory)
    let gIts, gSeconds = perRightHandSide (fun j -> gmres.Solve(a, ReadOnlySpan(rhs.[j]), Span(Array.zeroCreate<double> n)))
    printfn "%-5s GMRES(40)                       %6.1f its %6.2f ms" name gIts (1000.0 * gSeconds)
    for interval in [ 1; 4 ] do
        let gcro = GcroDr(40, 20, 1e-8, 50000, factory, UpdateInterval = interval)
        gcro.Solve(a, ReadOnlySpan(rhs.[0]), Span(Array.zeroCreate<double> n)) |> ignore
        let cIts, cSeconds = perRightHandSide (fun j -> gcro.Solve(a, ReadOnlySpan(rhs.[j]), Span(Array.zeroCreate<double> n), false))
        printfn "%-5s GCRO-DR(40,20), update every %d %6.1f its %6.2f ms | iterations %.2fx, time %.2fx" name interval cIts (1000.0 * cSeconds) (gIts / cIts) (gSeconds / cSeconds)
