using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FactoryCloud.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <summary>
    /// Sign-in may now require a confirmed email address (when a mail server is configured). Accounts made before
    /// confirmation existed could never have confirmed: they count as confirmed, so nobody is locked out by the upgrade.
    /// </summary>
    public partial class ConfirmExistingAccounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) =>
            migrationBuilder.Sql("UPDATE \"AspNetUsers\" SET \"EmailConfirmed\" = 1 WHERE \"EmailConfirmed\" = 0;");

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Which accounts were confirmed before is not kept: nothing to undo.
        }
    }
}
