namespace PosFleet.Digests.Rendering;

/// <summary>A digest put into words: its subject and its plain-text and HTML bodies.</summary>
internal sealed record RenderedDigest(string Subject, string Text, string Html);
