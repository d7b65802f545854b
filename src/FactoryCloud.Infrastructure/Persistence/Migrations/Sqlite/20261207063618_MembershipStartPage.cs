using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FactoryCloud.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class MembershipStartPage : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Existing members (and a row inserted without the column) start at Home, the default start page.
            migrationBuilder.AddColumn<string>(
                name: "StartPage",
                table: "Memberships",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                defaultValue: "Home");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "StartPage",
                table: "Memberships");
        }
    }
}
