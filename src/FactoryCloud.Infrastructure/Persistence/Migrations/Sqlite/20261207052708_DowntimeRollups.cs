using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FactoryCloud.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DowntimeRollups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Planned-time roll-ups are a cache whose rows must now come with their downtime per reason: written before
            // this table existed, they are dropped and built again (by the roll-up job, or by the first read).
            migrationBuilder.Sql("DELETE FROM \"MachinePlannedDays\"");

            migrationBuilder.CreateTable(
                name: "MachineDowntimeDays",
                columns: table => new
                {
                    MachineId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Day = table.Column<long>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    BreakdownTicks = table.Column<long>(type: "INTEGER", nullable: false),
                    BreakdownEpisodes = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MachineDowntimeDays", x => new { x.MachineId, x.Day, x.Reason });
                    table.ForeignKey(
                        name: "FK_MachineDowntimeDays_Machines_MachineId",
                        column: x => x.MachineId,
                        principalTable: "Machines",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_MachineDowntimeDays_TenantId",
                table: "MachineDowntimeDays",
                column: "TenantId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "MachineDowntimeDays");
        }
    }
}
