using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FactoryCloud.IntegrationTests.Fixtures;

namespace FactoryCloud.IntegrationTests.Web.Backlogs.Shared;

/// <summary>A product created through the REST API with the default workflow; helpers to add and read its items.</summary>
public sealed record TestProduct(ApiSession Owner, Guid Id, IReadOnlyDictionary<string, Guid> Columns)
{
    public static async Task<TestProduct> CreateAsync(ApiSession owner, string name = "Scrap reduction", string wipMode = "WarnAndConfirm")
    {
        var product = await CreatedAsync(owner.Client.PostAsJsonAsync("/api/v1/products", new
        {
            name, description = "Cut scrap on line 1", businessOwnerName = "Plant manager", wipMode,
        }));
        var columns = product.GetProperty("columns").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("id").GetGuid());
        return new TestProduct(owner, product.GetProperty("id").GetGuid(), columns);
    }

    public async Task<Guid> AddAsync(string title, string type = "Story", double? estimate = null, Guid? parentId = null, string? column = null, string[]? tags = null, Guid? sprintId = null)
    {
        var item = await CreatedAsync(Owner.Client.PostAsJsonAsync($"/api/v1/products/{Id}/items", new
        {
            title, type, estimate, parentId, columnId = column is null ? (Guid?)null : Columns[column], tags = tags ?? [], sprintId,
        }));
        return item.GetProperty("id").GetGuid();
    }

    public async Task<List<Guid>> BacklogOrderAsync(string query = "includeClosed=true")
    {
        var page = await Owner.Client.GetFromJsonAsync<JsonElement>($"/api/v1/products/{Id}/backlog?{query}");
        return page.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("id").GetGuid()).ToList();
    }

    public Task<HttpResponseMessage> MoveAsync(Guid item, string column, bool confirm = false, HttpClient? client = null) =>
        (client ?? Owner.Client).PostAsJsonAsync($"/api/v1/items/{item}/move", new { columnId = Columns[column], confirmWipBreach = confirm });

    public static async Task<JsonElement> CreatedAsync(Task<HttpResponseMessage> request)
    {
        var response = await request;
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
