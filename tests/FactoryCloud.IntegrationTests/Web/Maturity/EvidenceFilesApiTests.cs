using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FactoryCloud.Infrastructure.Persistence;
using FactoryCloud.IntegrationTests.Fixtures;

namespace FactoryCloud.IntegrationTests.Web.Maturity;

/// <summary>
/// Files uploaded as evidence for a maturity answer: stored in the app's file folder, typed by their content,
/// downloaded as attachments (never inline), deleted with their row or their assessment, bounded in size, refused when
/// read-only, and invisible to another organisation even with the id.
/// </summary>
public sealed class EvidenceFilesApiTests(DatabaseServers servers)
{
    private const string Dimension = "connectivity";
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task EvidenceIsUploadedListedDownloadedAsAnAttachmentAndDeletedWithItsBytes(DatabaseProvider provider)
    {
        var app = await servers.AppAsync(provider);
        var owner = await ApiSession.SignUpAsync(app);
        var assessment = await owner.CreateAssessmentAsync("Evidence", null);

        using var created = await UploadAsync(owner.Client, assessment, Dimension, "../../line-photo.png", Png);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var file = await created.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var id = file.GetProperty("id").GetGuid();
        Assert.Equal(("line-photo.png", "image/png", (long)Png.Length, Dimension), (file.GetProperty("fileName").GetString(),
            file.GetProperty("contentType").GetString(), file.GetProperty("sizeBytes").GetInt64(), file.GetProperty("dimensionKey").GetString()));
        Assert.Single(StoredFiles(app, id));

        var listed = await owner.Client.GetFromJsonAsync<JsonElement[]>($"/api/v1/maturity/assessments/{assessment}/evidence-files?dimension={Dimension}", Ct);
        Assert.Equal(id, Assert.Single(listed!).GetProperty("id").GetGuid());
        Assert.Empty((await owner.Client.GetFromJsonAsync<JsonElement[]>($"/api/v1/maturity/assessments/{assessment}/evidence-files?dimension=data", Ct))!);
        // Uploading to a dimension not yet answered created its answer, still unanswered.
        var detail = await owner.GetJsonAsync($"/api/v1/maturity/assessments/{assessment}");
        Assert.Equal(JsonValueKind.Null, Assert.Single(detail.GetProperty("answers").EnumerateArray()).GetProperty("stage").ValueKind);

        using var download = await owner.Client.GetAsync($"/api/v1/maturity/evidence-files/{id}/content", Ct);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(Png, await download.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal("image/png", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("sandbox", Assert.Single(download.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal("nosniff", Assert.Single(download.Headers.GetValues("X-Content-Type-Options")));

        Assert.Equal(HttpStatusCode.NoContent, (await owner.Client.DeleteAsync($"/api/v1/maturity/evidence-files/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.Client.GetAsync($"/api/v1/maturity/evidence-files/{id}/content", Ct)).StatusCode);
        Assert.Empty(StoredFiles(app, id));
    }

    [Fact]
    public async Task DeletingTheAssessmentDeletesItsEvidenceBytesAndAnApprovedAssessmentTakesNoFiles()
    {
        var app = await servers.AppAsync(DatabaseProvider.Postgres);
        var owner = await ApiSession.SignUpAsync(app);
        var assessment = await owner.CreateAssessmentAsync("Cascade", null);
        var first = await UploadedIdAsync(owner.Client, assessment, Dimension, "a.png");
        var second = await UploadedIdAsync(owner.Client, assessment, "data", "b.png");
        var kept = await owner.CreateAssessmentAsync("Kept", null);
        var other = await UploadedIdAsync(owner.Client, kept, Dimension, "c.png");

        Assert.Equal(HttpStatusCode.NoContent, (await owner.Client.DeleteAsync($"/api/v1/maturity/assessments/{assessment}", Ct)).StatusCode);
        Assert.Empty(StoredFiles(app, first));
        Assert.Empty(StoredFiles(app, second));
        Assert.Single(StoredFiles(app, other));

        await owner.AnswerAllAsync(kept, 2);
        foreach (var status in new[] { "Submitted", "Approved" })
            Assert.True((await owner.MoveAsync(kept, status)).IsSuccessStatusCode);
        using (var late = await UploadAsync(owner.Client, kept, Dimension, "late.png", Png)) Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await owner.Client.DeleteAsync($"/api/v1/maturity/evidence-files/{other}", Ct)).StatusCode);
        Assert.Single(StoredFiles(app, other));
    }

    [Fact]
    public async Task AnotherOrganisationCannotReadListOrDeleteEvidenceEvenWithItsIdStrangersGet401AndViewersOnlyRead()
    {
        var app = await servers.AppAsync(DatabaseProvider.Postgres);
        var owner = await ApiSession.SignUpAsync(app);
        var viewer = await owner.AddMemberAsync(app, "Viewer");
        var assessment = await owner.CreateAssessmentAsync("Isolation", null);
        var id = await UploadedIdAsync(owner.Client, assessment, Dimension, "audit.png");
        var other = await ApiSession.SignUpAsync(app);

        Assert.Equal(HttpStatusCode.NotFound, (await other.Client.GetAsync($"/api/v1/maturity/evidence-files/{id}/content", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Client.DeleteAsync($"/api/v1/maturity/evidence-files/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Client.GetAsync($"/api/v1/maturity/assessments/{assessment}/evidence-files", Ct)).StatusCode);
        using (var upload = await UploadAsync(other.Client, assessment, Dimension, "x.png", Png)) Assert.Equal(HttpStatusCode.NotFound, upload.StatusCode);

        var anonymous = app.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/v1/maturity/evidence-files/{id}/content", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.DeleteAsync($"/api/v1/maturity/evidence-files/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/v1/maturity/assessments/{assessment}/evidence-files", Ct)).StatusCode);
        using (var upload = await UploadAsync(anonymous, assessment, Dimension, "x.png", Png)) Assert.Equal(HttpStatusCode.Unauthorized, upload.StatusCode);

        Assert.Equal(Png, await viewer.Client.GetByteArrayAsync($"/api/v1/maturity/evidence-files/{id}/content", Ct));
        using (var upload = await UploadAsync(viewer.Client, assessment, Dimension, "x.png", Png)) Assert.Equal(HttpStatusCode.Forbidden, upload.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.Client.DeleteAsync($"/api/v1/maturity/evidence-files/{id}", Ct)).StatusCode);
        Assert.Single(StoredFiles(app, id));
    }

    [Fact]
    public async Task MarkupBinariesOtherBodyTypesUnknownDimensionsAndOversizedFilesAreRefusedAndNothingIsKept()
    {
        await using var app = new FactoryCloudApp(await servers.SharedAsync(DatabaseProvider.Postgres), new Dictionary<string, string?> { ["Files:MaxBytes"] = "4096" });
        var owner = await ApiSession.SignUpAsync(app);
        var assessment = await owner.CreateAssessmentAsync("Hostile", null);

        using var html = await UploadAsync(owner.Client, assessment, Dimension, "report.png", Encoding.UTF8.GetBytes("<svg onload=alert(1)></svg>"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, html.StatusCode);
        Assert.Contains("cannot be attached", await html.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        using (var exe = await UploadAsync(owner.Client, assessment, Dimension, "tool.txt", [(byte)'M', (byte)'Z', 0x90, 0, 3, 0, 0, 0]))
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, exe.StatusCode);
        using (var form = await owner.Client.PostAsync($"/api/v1/maturity/assessments/{assessment}/answers/{Dimension}/files?name=a.png",
                   new ByteArrayContent(Png) { Headers = { ContentType = new("multipart/form-data") } }, Ct))
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, form.StatusCode);
        using (var empty = await UploadAsync(owner.Client, assessment, Dimension, "empty.txt", [])) Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        using (var noName = await UploadAsync(owner.Client, assessment, Dimension, "", Png)) Assert.Equal(HttpStatusCode.BadRequest, noName.StatusCode);
        using (var control = await UploadAsync(owner.Client, assessment, Dimension, "a\u0001.png", Png)) Assert.Equal(HttpStatusCode.BadRequest, control.StatusCode);
        using (var dimension = await UploadAsync(owner.Client, assessment, "no-such-dimension", "a.png", Png)) Assert.Equal(HttpStatusCode.NotFound, dimension.StatusCode);
        using (var unknown = await UploadAsync(owner.Client, Guid.NewGuid(), Dimension, "a.png", Png)) Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        using (var fits = await UploadAsync(owner.Client, assessment, Dimension, "notes.txt", Encoding.UTF8.GetBytes(new string('a', 4096))))
            Assert.Equal(HttpStatusCode.Created, fits.StatusCode);
        using (var over = await UploadAsync(owner.Client, assessment, Dimension, "notes.txt", Encoding.UTF8.GetBytes(new string('a', 4097))))
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, over.StatusCode);

        Assert.Single((await owner.Client.GetFromJsonAsync<JsonElement[]>($"/api/v1/maturity/assessments/{assessment}/evidence-files", Ct))!);
        Assert.Single(Directory.GetFiles(app.FilesPath, "*", SearchOption.AllDirectories), f => f.Contains(owner.TenantId.ToString("N"), StringComparison.Ordinal));
    }

    internal static string[] StoredFiles(FactoryCloudApp app, Guid id) =>
        Directory.Exists(app.FilesPath) ? Directory.GetFiles(app.FilesPath, "*" + id.ToString("N"), SearchOption.AllDirectories) : [];

    private static async Task<Guid> UploadedIdAsync(HttpClient client, Guid assessment, string dimension, string name)
    {
        using var created = await UploadAsync(client, assessment, dimension, name, Png);
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Ct));
        return (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
    }

    internal static Task<HttpResponseMessage> UploadAsync(HttpClient client, Guid assessment, string dimension, string name, byte[] content) =>
        client.PostAsync($"/api/v1/maturity/assessments/{assessment}/answers/{dimension}/files?name={Uri.EscapeDataString(name)}",
            new ByteArrayContent(content) { Headers = { ContentType = new MediaTypeHeaderValue("application/octet-stream") } }, Ct);
}
