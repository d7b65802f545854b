using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FactoryCloud.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TenantDeletion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "DeletedAt",
                table: "Tenants",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "DeletedByUserId",
                table: "Tenants",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "PurgeAfter",
                table: "Tenants",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "TenantPurges",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DeletedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    DeletedByUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    PurgedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RowsDeleted = table.Column<long>(type: "INTEGER", nullable: false),
                    FilesDeleted = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TenantPurges", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Tenants_PurgeAfter",
                table: "Tenants",
                column: "PurgeAfter");

            migrationBuilder.CreateIndex(
                name: "IX_TenantPurges_TenantId",
                table: "TenantPurges",
                column: "TenantId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "TenantPurges");

            migrationBuilder.DropIndex(
                name: "IX_Tenants_PurgeAfter",
                table: "Tenants");

            migrationBuilder.DropColumn(
                name: "DeletedAt",
                table: "Tenants");

            migrationBuilder.DropColumn(
                name: "DeletedByUserId",
                table: "Tenants");

            migrationBuilder.DropColumn(
                name: "PurgeAfter",
                table: "Tenants");
        }
    }
}
