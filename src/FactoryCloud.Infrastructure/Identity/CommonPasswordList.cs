using FactoryCloud.Domain.Accounts;

namespace FactoryCloud.Infrastructure.Identity;

/// <summary>
/// The common-password list that ships inside this assembly: the first 10,000 entries (most frequent first) of the
/// "passwords" frequency list of zxcvbn 4.4.2 (npm package <c>zxcvbn</c>, MIT licence, Copyright (c) 2012-2016 Dan
/// Wheeler and Dropbox, Inc.), itself drawn from Mark Burnett's 10 million leaked passwords (Xato). Loaded once.
/// </summary>
public static class CommonPasswordList
{
    private static readonly Lazy<CommonPasswords> Shipped = new(Load);

    public static CommonPasswords Instance => Shipped.Value;

    private static CommonPasswords Load()
    {
        using var stream = typeof(CommonPasswordList).Assembly.GetManifestResourceStream("FactoryCloud.CommonPasswords.txt")
            ?? throw new InvalidOperationException("The common-password list is missing from the assembly.");
        using var reader = new StreamReader(stream);
        var lines = new List<string>(10_000);
        while (reader.ReadLine() is { } line) lines.Add(line);
        return new CommonPasswords(lines);
    }
}
