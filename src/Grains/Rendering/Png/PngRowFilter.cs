using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace K2Orleans.Grains.Rendering.Png;

/// <summary>
/// PNG row filters for 8-bit RGBA (4 bytes per pixel). Encoding knows the whole raw row and the row above, so every
/// filter, Paeth included, is a pure function of loaded bytes and runs 16 bytes at a time in byte lanes; only the
/// first pixel (no left neighbour) and a row's last few bytes are scalar.
/// </summary>
/// <remarks>
/// The kernels are compiled fully optimised from the first call: a render job is short, and unoptimised vector code
/// is many times slower than the filters' whole budget.
/// </remarks>
internal static class PngRowFilter
{
    public const int BytesPerPixel = 4;
    public const byte None = 0;
    public const byte Sub = 1;
    public const byte Up = 2;
    public const byte Average = 3;
    public const byte Paeth = 4;

    /// <summary>Not a PNG filter type: per row, the filter whose residuals have the smallest sum of absolute values.</summary>
    public const byte Adaptive = 5;

    private const int Lanes = 16;

    /// <summary>
    /// Writes the filter type byte and the filtered row to <paramref name="destination"/> (1 + row length bytes).
    /// <paramref name="previous"/> is the raw row above, all zeros for the first row. <paramref name="scratch"/> holds
    /// at least 4 row lengths, used only by <see cref="Adaptive"/>. Returns the sum of absolute residuals of the filter
    /// <see cref="Adaptive"/> chose (how smooth the row is), 0 for a fixed filter.
    /// </summary>
    public static long FilterRow(ReadOnlySpan<byte> row, ReadOnlySpan<byte> previous, byte mode, Span<byte> destination, Span<byte> scratch)
    {
        var stride = row.Length;
        if (previous.Length < stride || destination.Length < stride + 1 || (mode == Adaptive && scratch.Length < 4 * stride))
        {
            throw new ArgumentException($"a row of {stride} bytes needs as long a row above, {stride + 1} bytes of output and {4 * stride} of scratch");
        }

        destination[0] = mode;
        var output = destination.Slice(1, stride);
        switch (mode)
        {
            case None:
                row.CopyTo(output);
                return 0;
            case Sub:
                Apply<SubPredictor>(row, previous, output);
                return 0;
            case Up:
                Apply<UpPredictor>(row, previous, output);
                return 0;
            case Average:
                Apply<AveragePredictor>(row, previous, output);
                return 0;
            case Paeth:
                Apply<PaethPredictor>(row, previous, output);
                return 0;
        }

        // Adaptive: None goes straight to the destination, the others to scratch; the winner is copied once.
        Span<long> scores = stackalloc long[5];
        AllFilters(row, previous, output, scratch, scores);
        var best = None;
        for (var type = Sub; type <= Paeth; type++)
        {
            if (scores[type] < scores[best])
            {
                best = type;
            }
        }

        destination[0] = best;
        if (best != None)
        {
            scratch.Slice((best - 1) * stride, stride).CopyTo(output);
        }

        return scores[best];
    }

    /// <summary>The scalar predictor of PNG filter <paramref name="type"/> (PNG specification, section 9).</summary>
    internal static int Predict(byte type, int left, int up, int upLeft)
    {
        switch (type)
        {
            case None:
                return 0;
            case Sub:
                return left;
            case Up:
                return up;
            case Average:
                return (left + up) >> 1;
            default:
                var estimate = left + up - upLeft;
                var toLeft = Math.Abs(estimate - left);
                var toUp = Math.Abs(estimate - up);
                var toUpLeft = Math.Abs(estimate - upLeft);
                return toLeft <= toUp && toLeft <= toUpLeft ? left : toUp <= toUpLeft ? up : upLeft;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Apply<TPredictor>(ReadOnlySpan<byte> row, ReadOnlySpan<byte> previous, Span<byte> output)
        where TPredictor : struct, IPredictor
    {
        var stride = row.Length;
        ref var r = ref MemoryMarshal.GetReference(row);
        ref var p = ref MemoryMarshal.GetReference(previous);
        ref var o = ref MemoryMarshal.GetReference(output);
        ScalarHead(TPredictor.Type, row, previous, output);
        var x = Math.Min(BytesPerPixel, stride);
        if (Vector128.IsHardwareAccelerated)
        {
            for (; x + Lanes <= stride; x += Lanes)
            {
                var (current, left, up, upLeft) = Load(ref r, ref p, x);
                (current - TPredictor.Predict(left, up, upLeft)).StoreUnsafe(ref o, (nuint)x);
            }
        }

        ScalarTail(TPredictor.Type, row, previous, output, x);
    }

    /// <summary>All five filters in one pass over the rows, with the sum of absolute residuals of each.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AllFilters(ReadOnlySpan<byte> row, ReadOnlySpan<byte> previous, Span<byte> none, Span<byte> scratch, Span<long> scores)
    {
        var stride = row.Length;
        ref var r = ref MemoryMarshal.GetReference(row);
        ref var p = ref MemoryMarshal.GetReference(previous);
        ref var n = ref MemoryMarshal.GetReference(none);
        ref var s = ref MemoryMarshal.GetReference(scratch);
        for (var type = None; type <= Paeth; type++)
        {
            scores[type] = ScalarHead(type, row, previous, Candidate(none, scratch, type));
        }

        var x = Math.Min(BytesPerPixel, stride);
        // Chunks of at most 250 steps: two magnitudes of at most 128 per ushort lane per step stay below 65535. The
        // sums are added up between chunks, so no call sits in the inner loop (calls would push the sums to memory).
        while (Vector128.IsHardwareAccelerated && x + Lanes <= stride)
        {
            Vector128<ushort> sumNone = default, sumSub = default, sumUp = default, sumAverage = default, sumPaeth = default;
            var chunkEnd = Math.Min(stride, x + (250 * Lanes));
            for (; x + Lanes <= chunkEnd; x += Lanes)
            {
                var current = Vector128.LoadUnsafe(ref r, (nuint)x);
                var left = Vector128.LoadUnsafe(ref r, (nuint)(x - BytesPerPixel));
                var up = Vector128.LoadUnsafe(ref p, (nuint)x);
                var upLeft = Vector128.LoadUnsafe(ref p, (nuint)(x - BytesPerPixel));
                current.StoreUnsafe(ref n, (nuint)x);
                sumNone += Magnitudes(current);
                sumSub += StoreResidual(current - SubPredictor.Predict(left, up, upLeft), ref s, x);
                sumUp += StoreResidual(current - UpPredictor.Predict(left, up, upLeft), ref s, stride + x);
                sumAverage += StoreResidual(current - AveragePredictor.Predict(left, up, upLeft), ref s, (2 * stride) + x);
                sumPaeth += StoreResidual(current - PaethPredictor.Predict(left, up, upLeft), ref s, (3 * stride) + x);
            }

            scores[None] += Total(sumNone);
            scores[Sub] += Total(sumSub);
            scores[Up] += Total(sumUp);
            scores[Average] += Total(sumAverage);
            scores[Paeth] += Total(sumPaeth);
        }

        for (var type = None; type <= Paeth; type++)
        {
            scores[type] += ScalarTail(type, row, previous, Candidate(none, scratch, type), x);
        }
    }

    private static Span<byte> Candidate(Span<byte> none, Span<byte> scratch, byte type) =>
        type == None ? none : scratch.Slice((type - 1) * none.Length, none.Length);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector128<byte> Current, Vector128<byte> Left, Vector128<byte> Up, Vector128<byte> UpLeft) Load(ref byte row, ref byte previous, int x) => (
        Vector128.LoadUnsafe(ref row, (nuint)x),
        Vector128.LoadUnsafe(ref row, (nuint)(x - BytesPerPixel)),
        Vector128.LoadUnsafe(ref previous, (nuint)x),
        Vector128.LoadUnsafe(ref previous, (nuint)(x - BytesPerPixel)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<ushort> StoreResidual(Vector128<byte> residual, ref byte destination, int offset)
    {
        residual.StoreUnsafe(ref destination, (nuint)offset);
        return Magnitudes(residual);
    }

    /// <summary>|residual| read as a signed byte is min(v, 256 - v); pairs of them summed into ushort lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<ushort> Magnitudes(Vector128<byte> residual)
    {
        var magnitude = Vector128.Min(residual, Vector128<byte>.Zero - residual);
        return Vector128.WidenLower(magnitude) + Vector128.WidenUpper(magnitude);
    }

    private static long Total(Vector128<ushort> sums) =>
        Vector128.Sum(Vector128.WidenLower(sums)) + Vector128.Sum(Vector128.WidenUpper(sums));

    /// <summary>The first pixel, whose left and upper-left neighbours are zero; returns its score.</summary>
    private static int ScalarHead(byte type, ReadOnlySpan<byte> row, ReadOnlySpan<byte> previous, Span<byte> output)
    {
        var score = 0;
        var first = Math.Min(BytesPerPixel, row.Length);
        for (var i = 0; i < first; i++)
        {
            score += Store(output, i, row[i], Predict(type, 0, previous[i], 0));
        }

        return score;
    }

    private static long ScalarTail(byte type, ReadOnlySpan<byte> row, ReadOnlySpan<byte> previous, Span<byte> output, int from)
    {
        long score = 0;
        for (var x = Math.Max(from, Math.Min(BytesPerPixel, row.Length)); x < row.Length; x++)
        {
            score += Store(output, x, row[x], Predict(type, row[x - BytesPerPixel], previous[x], previous[x - BytesPerPixel]));
        }

        return score;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Store(Span<byte> output, int index, byte value, int predictor)
    {
        var residual = (byte)(value - predictor);
        output[index] = residual;
        return residual < 128 ? residual : 256 - residual;
    }

    private interface IPredictor
    {
        static abstract byte Type { get; }

        static abstract Vector128<byte> Predict(Vector128<byte> left, Vector128<byte> up, Vector128<byte> upLeft);
    }

    private readonly struct SubPredictor : IPredictor
    {
        public static byte Type => Sub;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<byte> Predict(Vector128<byte> left, Vector128<byte> up, Vector128<byte> upLeft) => left;
    }

    private readonly struct UpPredictor : IPredictor
    {
        public static byte Type => Up;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<byte> Predict(Vector128<byte> left, Vector128<byte> up, Vector128<byte> upLeft) => up;
    }

    private readonly struct AveragePredictor : IPredictor
    {
        public static byte Type => Average;

        /// <summary>floor((left + up) / 2) without leaving byte lanes.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<byte> Predict(Vector128<byte> left, Vector128<byte> up, Vector128<byte> upLeft) =>
            (left & up) + Vector128.ShiftRightLogical(left ^ up, 1);
    }

    private readonly struct PaethPredictor : IPredictor
    {
        public static byte Type => Paeth;

        /// <summary>
        /// Paeth in byte lanes. With d1 = up - upLeft and d2 = left - upLeft, the distances are |d1| (to left), |d2|
        /// (to up) and |d1 + d2| (to upper-left), which is |d1| + |d2| when the signs agree (saturating at 255 keeps
        /// every comparison's outcome, as the other two are at most 255) and the difference of the two otherwise.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<byte> Predict(Vector128<byte> left, Vector128<byte> up, Vector128<byte> upLeft)
        {
            var toLeft = Vector128.Max(up, upLeft) - Vector128.Min(up, upLeft);
            var toUp = Vector128.Max(left, upLeft) - Vector128.Min(left, upLeft);
            var signsAgree = ~(Vector128.Equals(Vector128.Max(up, upLeft), up) ^ Vector128.Equals(Vector128.Max(left, upLeft), left));
            var sum = toLeft + toUp;
            var saturated = sum | ~Vector128.Equals(Vector128.Max(sum, toLeft), sum);   // a wrapped sum is below its addend
            var toUpLeft = Vector128.ConditionalSelect(signsAgree, saturated, Vector128.Max(toLeft, toUp) - Vector128.Min(toLeft, toUp));
            var leftNearest = Vector128.Equals(Vector128.Min(toLeft, toUp), toLeft) & Vector128.Equals(Vector128.Min(toLeft, toUpLeft), toLeft);
            var upNearer = Vector128.Equals(Vector128.Min(toUp, toUpLeft), toUp);
            return Vector128.ConditionalSelect(leftNearest, left, Vector128.ConditionalSelect(upNearer, up, upLeft));
        }
    }
}
