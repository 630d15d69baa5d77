namespace K2Orleans.SampleGenerator.Writing;

/// <summary>What <see cref="TrophyWriter"/> produced for one trophy.</summary>
internal sealed record WrittenTrophy(string Folder, int Images, long ImageBytes, long Combinations);
