using Mono.Cecil;
using Mono.Cecil.Cil;

namespace NeuralPDE.Build.ScalarKeepAlive;

/// <summary>
/// Rewrites TorchSharp.dll so that a <c>TorchSharp.Scalar</c> stays reachable while libtorch reads it.
/// <para>
/// The defect (TorchSharp 0.107.0): a .NET number passed where TorchSharp wants a <c>Scalar</c>, and the
/// <c>alpha = 1</c> that <c>Tensor.add(Tensor)</c> (so <c>a + b</c> and <c>a - b</c>) creates itself, is a temporary
/// whose only owner is its finalizer. Once the wrapper has read <c>Scalar.Handle</c> the object is unreachable; a
/// garbage collection started by another thread during the native call queues it, and the finalizer thread frees the
/// native scalar while libtorch is still reading it. libtorch then fails with "Expected false to be true ...
/// toDouble" or, worse, reads a garbage value. Our tests met it in CI (a PINN model's <c>a + b</c> while other tests
/// allocated); a hammer with one thread collecting continuously hit it 12 times in 1,056,760 iterations of a + b.
/// </para>
/// <para>
/// The fix: <c>Scalar.Handle</c>'s getter first stores <c>this</c> in a [ThreadStatic] ring of the last
/// <see cref="RingSize"/> scalars whose handle this thread read. A native call reads its scalars' handles on its own
/// thread immediately before it starts and reads no others until it returns, so every scalar it uses is held by the
/// ring, strongly, for the whole call. The cost is one array store per handle read; a scalar lives at most
/// <see cref="RingSize"/> handle reads longer than it would have. Explicit <c>Dispose</c> still frees at once.
/// </para>
/// </summary>
public static class ScalarKeepAlivePatcher
{
    /// <summary>Scalars kept per thread (a native call reads at most a handful).</summary>
    public const int RingSize = 64;

    /// <summary>Name of the added [ThreadStatic] <c>Scalar[]</c> field; its presence marks a patched assembly.</summary>
    public const string RingFieldName = "NeuralPdeRecentScalars";

    /// <summary>Name of the added [ThreadStatic] <c>int</c> field: the next slot of the ring.</summary>
    public const string CursorFieldName = "NeuralPdeRecentScalarsCursor";

    private const string ScalarTypeName = "TorchSharp.Scalar";

    /// <summary>Patches the assembly at <paramref name="assemblyPath"/> in place (written to a temporary file, then
    /// moved over the original, so a failure never leaves a half-written assembly).</summary>
    /// <exception cref="InvalidDataException">The file is not a TorchSharp assembly with a <c>Scalar.Handle</c> getter.</exception>
    public static ScalarPatchResult Patch(string assemblyPath)
    {
        ArgumentNullException.ThrowIfNull(assemblyPath);
        byte[] image = File.ReadAllBytes(assemblyPath);
        using var module = ModuleDefinition.ReadModule(new MemoryStream(image), new ReaderParameters { ReadSymbols = false });
        TypeDefinition scalar = module.GetType(ScalarTypeName)
            ?? throw new InvalidDataException($"{assemblyPath}: no type {ScalarTypeName}; expected TorchSharp.dll");
        if (IsPatched(scalar))
        {
            return ScalarPatchResult.AlreadyPatched;
        }
        MethodDefinition getter = scalar.Properties.FirstOrDefault(p => p.Name == "Handle")?.GetMethod
            ?? throw new InvalidDataException($"{assemblyPath}: {ScalarTypeName} has no Handle getter; expected TorchSharp 0.107");
        if (getter.IsStatic || !getter.HasBody)
        {
            throw new InvalidDataException($"{assemblyPath}: {ScalarTypeName}.Handle is not an instance getter with a body");
        }

        FieldDefinition ring = AddThreadStatic(module, scalar, RingFieldName, new ArrayType(scalar));
        FieldDefinition cursor = AddThreadStatic(module, scalar, CursorFieldName, module.TypeSystem.Int32);
        PrependRecording(getter, scalar, ring, cursor);

        // The original is strong-name signed; the rewrite cannot re-sign it, and .NET does not check the signature.
        // The public key stays, so references compiled against the package still bind.
        module.Attributes &= ~ModuleAttributes.StrongNameSigned;
        string temporary = assemblyPath + ".scalar-keepalive.tmp";
        try
        {
            module.Write(temporary);
            File.Move(temporary, assemblyPath, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
        return ScalarPatchResult.Patched;
    }

    /// <summary>True when <paramref name="assemblyPath"/> already carries the ring.</summary>
    public static bool IsPatched(string assemblyPath)
    {
        ArgumentNullException.ThrowIfNull(assemblyPath);
        using var module = ModuleDefinition.ReadModule(assemblyPath, new ReaderParameters { ReadSymbols = false });
        TypeDefinition? scalar = module.GetType(ScalarTypeName);
        return scalar is not null && IsPatched(scalar);
    }

    private static bool IsPatched(TypeDefinition scalar) => scalar.Fields.Any(f => f.Name == RingFieldName);

    private static FieldDefinition AddThreadStatic(ModuleDefinition module, TypeDefinition owner, string name, TypeReference type)
    {
        var field = new FieldDefinition(name, FieldAttributes.Private | FieldAttributes.Static, type);
        var attributeType = new TypeReference("System", nameof(ThreadStaticAttribute), module, module.TypeSystem.CoreLibrary);
        var constructor = new MethodReference(".ctor", module.TypeSystem.Void, attributeType) { HasThis = true };
        field.CustomAttributes.Add(new CustomAttribute(constructor));
        owner.Fields.Add(field);
        return field;
    }

    /// <summary>Inserts, before the getter's first instruction:
    /// <code>
    /// if (ring == null) ring = new Scalar[RingSize];
    /// ring[cursor] = this;
    /// cursor = (cursor + 1) &amp; (RingSize - 1);
    /// </code></summary>
    private static void PrependRecording(MethodDefinition getter, TypeDefinition scalar, FieldDefinition ring, FieldDefinition cursor)
    {
        ILProcessor il = getter.Body.GetILProcessor();
        Instruction original = getter.Body.Instructions[0];
        Instruction store = il.Create(OpCodes.Ldsfld, ring);
        Instruction[] code =
        [
            il.Create(OpCodes.Ldsfld, ring),
            il.Create(OpCodes.Brtrue, store),
            il.Create(OpCodes.Ldc_I4, RingSize),
            il.Create(OpCodes.Newarr, scalar),
            il.Create(OpCodes.Stsfld, ring),
            store,
            il.Create(OpCodes.Ldsfld, cursor),
            il.Create(OpCodes.Ldarg_0),
            il.Create(OpCodes.Stelem_Ref),
            il.Create(OpCodes.Ldsfld, cursor),
            il.Create(OpCodes.Ldc_I4_1),
            il.Create(OpCodes.Add),
            il.Create(OpCodes.Ldc_I4, RingSize - 1),
            il.Create(OpCodes.And),
            il.Create(OpCodes.Stsfld, cursor),
        ];
        foreach (Instruction instruction in code)
        {
            il.InsertBefore(original, instruction);
        }
    }
}
