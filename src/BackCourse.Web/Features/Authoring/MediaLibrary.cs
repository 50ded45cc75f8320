using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace BackCourse.Web.Features.Authoring;

public sealed class MediaOptions
{
    public const string Section = "Media";

    /// <summary>Where uploaded images are kept; relative paths are under the app's content root. Default <c>.data/media</c>.</summary>
    public string Folder { get; set; } = "";

    [Range(10_000, 50_000_000)]
    public int MaxBytes { get; set; } = 5_000_000;
}

public sealed record StoredImage(string Name, string ContentType);

/// <summary>
/// Lesson images on disk. Only PNG, JPEG, GIF and WebP are accepted, recognised by their first bytes
/// (never by the name or the browser's claim), and stored under a hash of their content, so the same
/// image uploaded twice is one file and a name can be served as immutable.
/// </summary>
public sealed class MediaLibrary(IOptions<MediaOptions> options, IHostEnvironment environment)
{
    private static readonly (string Extension, string ContentType, byte[] Magic)[] Formats =
    [
        ("png", "image/png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
        ("jpg", "image/jpeg", [0xFF, 0xD8, 0xFF]),
        ("gif", "image/gif", "GIF8"u8.ToArray()),
        ("webp", "image/webp", "RIFF"u8.ToArray()),
    ];

    public string Folder
    {
        get
        {
            var folder = options.Value.Folder is { Length: > 0 } f ? f : Path.Combine(".data", "media");
            return Path.GetFullPath(Path.Combine(environment.ContentRootPath, folder));
        }
    }

    public int MaxBytes => options.Value.MaxBytes;

    /// <summary>Saves an upload, or says in a sentence why it was refused.</summary>
    public async Task<(StoredImage? Image, string? Problem)> SaveAsync(Stream content, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, ct)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBytes)
            {
                return (null, $"That image is larger than {MaxBytes / 1_000_000.0:0.#} MB. Please make it smaller and upload it again.");
            }
        }
        return await SaveAsync(buffer.ToArray(), ct);
    }

    public async Task<(StoredImage? Image, string? Problem)> SaveAsync(byte[] bytes, CancellationToken ct)
    {
        if (bytes.Length == 0)
        {
            return (null, "Choose an image file to upload.");
        }
        if (bytes.Length > MaxBytes)
        {
            return (null, $"That image is larger than {MaxBytes / 1_000_000.0:0.#} MB. Please make it smaller and upload it again.");
        }
        var format = Formats.FirstOrDefault(f => bytes.AsSpan().StartsWith(f.Magic)
            && (f.Extension != "webp" || (bytes.Length > 12 && bytes.AsSpan(8, 4).SequenceEqual("WEBP"u8))));
        if (format.Extension is null)
        {
            return (null, "Only PNG, JPEG, GIF and WebP images can be uploaded.");
        }
        var name = Convert.ToHexStringLower(SHA256.HashData(bytes))[..32] + "." + format.Extension;
        Directory.CreateDirectory(Folder);
        var path = Path.Combine(Folder, name);
        if (!File.Exists(path))
        {
            // Written aside and moved into place, so a reader never sees half a file.
            var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
            await File.WriteAllBytesAsync(temp, bytes, ct);
            File.Move(temp, path, overwrite: true);
        }
        return (new StoredImage(name, format.ContentType), null);
    }

    /// <summary>The file behind a served name; null for anything that is not one of ours.</summary>
    public (string Path, string ContentType)? Find(string name)
    {
        if (!IsStoredName(name))
        {
            return null;
        }
        var path = Path.Combine(Folder, name);
        var extension = name[(name.LastIndexOf('.') + 1)..];
        return File.Exists(path) ? (path, Formats.Single(f => f.Extension == extension).ContentType) : null;
    }

    public static bool IsStoredName(string name) =>
        name.Length is > 33 and < 40 && name[32] == '.' && name[..32].All(char.IsAsciiHexDigitLower)
        && Formats.Any(f => name[33..] == f.Extension);

    /// <summary>Names of stored images a piece of Markdown links to.</summary>
    public static IEnumerable<string> ReferencedIn(string markdown) =>
        System.Text.RegularExpressions.Regex.Matches(markdown, @"/media/([a-f0-9]{32}\.(?:png|jpg|gif|webp))")
            .Select(m => m.Groups[1].Value);
}

/// <summary>Serves uploaded images to everyone (lesson text is what protects them, not their address).</summary>
[AllowAnonymous]
public sealed class MediaController(MediaLibrary media) : Controller
{
    [HttpGet("media/{name}")]
    public IActionResult Get(string name)
    {
        if (media.Find(name) is not { } file)
        {
            return NotFound();
        }
        // The name is a hash of the content: it can never change, so it can be cached for good.
        Response.Headers.CacheControl = "public, max-age=31536000, immutable";
        return PhysicalFile(file.Path, file.ContentType);
    }
}
