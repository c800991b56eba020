namespace LowRank;
