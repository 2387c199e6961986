using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Worb.Api.Files;
using Worb.Api.Security;
using Worb.Grains.Protocol;

namespace Worb.Tests.Fuzz;

/// <summary>Properties over every piece of untrusted input the server parses: it answers, it never throws.</summary>
public sealed class BadInputProperties
{
    [Property(MaxTest = 2000, Arbitrary = [typeof(Inputs)])]
    public bool File_stream_bodies_parse_or_are_refused_with_a_message(FileStreamBody body)
    {
        var parsed = FileStreamParser.TryParse(body.Bytes, out _, out var error);
        return parsed || !string.IsNullOrWhiteSpace(error);
    }

    [Property(MaxTest = 2000)]
    public bool History_lines_scan_or_are_refused_with_a_message(string line)
    {
        var scanned = JsonLineScanner.TryScanObject(line ?? "", out _, out var error);
        return scanned || !string.IsNullOrWhiteSpace(error);
    }

    [Property(MaxTest = 3000, Arbitrary = [typeof(Inputs)])]
    public bool Valid_file_names_stay_inside_the_files_folder(FileName name)
    {
        var root = Path.GetFullPath(Path.Combine(Path.GetTempPath(), "worb-names"));
        if (!RunFileNames.IsValid(name.Value, out var error))
        {
            return !string.IsNullOrWhiteSpace(error);
        }
        var full = Path.GetFullPath(Path.Combine(root, name.Value));
        return full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal);
    }

    [Property(MaxTest = 2000)]
    public bool Authorization_headers_never_throw(string header)
    {
        _ = PresentedKey.FromAuthorization(header);
        _ = PresentedKey.FromAuthorization("Basic " + header);
        return true;
    }

    [Property(MaxTest = 500)]
    public bool Basic_auth_yields_the_password_as_the_key(NonEmptyString key)
    {
        if (key.Get.Contains('\0'))
        {
            return true;
        }
        var header = "Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("api:" + key.Get));
        return PresentedKey.FromAuthorization(header) == key.Get;
    }

    public sealed record FileStreamBody(byte[] Bytes)
    {
        public override string ToString() => System.Text.Encoding.UTF8.GetString(Bytes);
    }

    public sealed record FileName(string Value);

    public static class Inputs
    {
        public static Arbitrary<FileStreamBody> Bodies() => MalformedBodies.Any().Select(b => new FileStreamBody(b)).ToArbitrary();

        public static Arbitrary<FileName> Names()
        {
            var parts = Gen.Elements("a", "..", ".", "", "/", "\\", "\0", "b.txt", "media", "C:", "~", "%2e%2e", "\u2024\u2024", " ");
            var soup = Gen.ListOf(parts).Select(p => string.Concat(p));
            var any = ArbMap.Default.GeneratorFor<string>().Select(s => s ?? "");
            return Gen.OneOf(soup, any, Gen.Constant(new string('a', 5000))).Select(s => new FileName(s)).ToArbitrary();
        }
    }
}
