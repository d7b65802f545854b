using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FactoryCloud.IntegrationTests.Fixtures;
using FactoryCloud.IntegrationTests.Web.Backlogs.Shared;
using FactoryCloud.IntegrationTests.Web.Tenancy;

namespace FactoryCloud.IntegrationTests.Web.Backlogs.WorkItems;

/// <summary>Attachment metadata over the API on PostgreSQL: add, list, remove, validation problems, tenancy and roles.</summary>
public sealed class AttachmentsApiTests(DatabaseServers servers) : TenancyApiTestBase(servers)
{
    [Fact]
    public async Task AnAttachmentIsAddedListedAndRemovedWithHistory()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var product = await TestProduct.CreateAsync(owner);
        var story = await product.AddAsync("Andon story");

        var added = await TestProduct.CreatedAsync(owner.Client.PostAsJsonAsync($"/api/v1/items/{story}/attachments", new
        {
            fileName = " wiring.pdf ", contentType = "application/pdf", sizeBytes = 1536, storageKey = "https://acme.sharepoint.com/line4/wiring.pdf",
        }));
        var listed = Assert.Single((await owner.Client.GetFromJsonAsync<JsonElement[]>($"/api/v1/items/{story}/attachments"))!);
        Assert.Equal(added.GetProperty("id").GetGuid(), listed.GetProperty("id").GetGuid());
        Assert.Equal(("wiring.pdf", "application/pdf", 1536L, "https://acme.sharepoint.com/line4/wiring.pdf", owner.UserId),
            (listed.GetProperty("fileName").GetString(), listed.GetProperty("contentType").GetString(), listed.GetProperty("sizeBytes").GetInt64(),
             listed.GetProperty("storageKey").GetString(), listed.GetProperty("uploadedBy").GetGuid()));

        Assert.Equal(HttpStatusCode.NoContent, (await owner.Client.DeleteAsync($"/api/v1/attachments/{listed.GetProperty("id").GetGuid()}")).StatusCode);
        Assert.Empty((await owner.Client.GetFromJsonAsync<JsonElement[]>($"/api/v1/items/{story}/attachments"))!);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.Client.DeleteAsync($"/api/v1/attachments/{listed.GetProperty("id").GetGuid()}")).StatusCode);
        var history = await owner.Client.GetFromJsonAsync<JsonElement[]>($"/api/v1/items/{story}/history");
        Assert.Contains(history!, h => h.GetProperty("field").GetString() == "Attachment" && h.GetProperty("newValue").GetString() == "wiring.pdf");
        Assert.Contains(history!, h => h.GetProperty("field").GetString() == "Attachment" && h.GetProperty("oldValue").GetString() == "wiring.pdf");
    }

    [Theory]
    [InlineData("""{"fileName":"","storageKey":"attachments/a.pdf"}""", "FileName")]
    [InlineData("""{"fileName":"a.pdf","storageKey":"javascript:alert(1)"}""", "StorageKey")]
    [InlineData("""{"fileName":"a.pdf","storageKey":""}""", "StorageKey")]
    [InlineData("""{"fileName":"a.pdf","storageKey":"attachments/a.pdf","sizeBytes":-1}""", "SizeBytes")]
    public async Task InvalidAttachmentsAnswerValidationProblemsOnTheFieldAndSaveNothing(string body, string field)
    {
        var owner = await ApiSession.SignUpAsync(App);
        var product = await TestProduct.CreateAsync(owner);
        var story = await product.AddAsync("Story");

        var response = await owner.Client.PostAsync($"/api/v1/items/{story}/attachments", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _));
        Assert.Empty((await owner.Client.GetFromJsonAsync<JsonElement[]>($"/api/v1/items/{story}/attachments"))!);
    }

    [Fact]
    public async Task TenantBGetsNotFoundAndAViewerForbiddenForAttachments()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var viewer = await owner.AddMemberAsync(App, "Viewer");
        var product = await TestProduct.CreateAsync(owner);
        var story = await product.AddAsync("Story");
        var body = new { fileName = "spec.pdf", storageKey = "attachments/spec.pdf", sizeBytes = 10 };
        var attachment = (await TestProduct.CreatedAsync(owner.Client.PostAsJsonAsync($"/api/v1/items/{story}/attachments", body))).GetProperty("id").GetGuid();
        var b = await ApiSession.SignUpAsync(App);

        Assert.Equal(HttpStatusCode.NotFound, (await b.Client.GetAsync($"/api/v1/items/{story}/attachments")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await b.Client.PostAsJsonAsync($"/api/v1/items/{story}/attachments", body)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await b.Client.DeleteAsync($"/api/v1/attachments/{attachment}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await viewer.Client.GetAsync($"/api/v1/items/{story}/attachments")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.Client.PostAsJsonAsync($"/api/v1/items/{story}/attachments", body)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.Client.DeleteAsync($"/api/v1/attachments/{attachment}")).StatusCode);
        Assert.Single((await owner.Client.GetFromJsonAsync<JsonElement[]>($"/api/v1/items/{story}/attachments"))!);
    }
}
