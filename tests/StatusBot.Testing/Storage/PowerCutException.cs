namespace StatusBot.Testing.Storage;

/// <summary>Thrown by <see cref="SimulatedFileSystem"/> at the simulated power cut and by every operation after it.</summary>
public sealed class PowerCutException() : IOException("Simulated power cut.");
