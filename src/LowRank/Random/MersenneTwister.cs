namespace LowRank;

/// <summary>
/// The standard 32-bit Mersenne Twister (mt19937), written out because PyTorch's generator is defined in terms of its
/// raw 32-bit outputs and no library exposes them with PyTorch's seeding and 64-bit pairing.
/// </summary>
internal sealed class MersenneTwister
{
    private const int StateSize = 624;
    private const int ShiftSize = 397;
    private const uint MatrixA = 0x9908b0df;
    private const uint UpperMask = 0x80000000;
    private const uint LowerMask = 0x7fffffff;

    private readonly uint[] state = new uint[StateSize];
    private int index;

    public MersenneTwister(ulong seed) => Seed(seed);

    /// <summary>PyTorch keeps only the low 32 bits of the seed, so two seeds that differ above bit 31 are the same stream.</summary>
    public void Seed(ulong seed)
    {
        state[0] = (uint)(seed & 0xffffffff);
        for (var i = 1; i < StateSize; i++)
        {
            state[i] = unchecked((1812433253u * (state[i - 1] ^ (state[i - 1] >> 30))) + (uint)i);
        }
        index = StateSize;
    }

    public uint NextUInt32()
    {
        if (index >= StateSize)
        {
            Twist();
        }

        var y = state[index++];
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >> 18;
        return y;
    }

    /// <summary>The first draw becomes the high word, matching PyTorch's random64().</summary>
    public ulong NextUInt64()
    {
        ulong hi = NextUInt32();
        ulong lo = NextUInt32();
        return (hi << 32) | lo;
    }

    private void Twist()
    {
        for (var i = 0; i < StateSize; i++)
        {
            var y = (state[i] & UpperMask) | (state[(i + 1) % StateSize] & LowerMask);
            var next = state[(i + ShiftSize) % StateSize] ^ (y >> 1);
            state[i] = (y & 1) == 0 ? next : next ^ MatrixA;
        }
        index = 0;
    }
}
