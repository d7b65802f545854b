using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FactoryCloud.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TelemetryStorage : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "IngestionRefusals",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DeviceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Topic = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    PayloadExcerpt = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IngestionRefusals", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "MachineBuckets",
                columns: table => new
                {
                    MachineId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Size = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Start = table.Column<long>(type: "INTEGER", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RunSeconds = table.Column<double>(type: "REAL", nullable: false),
                    IdleSeconds = table.Column<double>(type: "REAL", nullable: false),
                    DownSeconds = table.Column<double>(type: "REAL", nullable: false),
                    ChangeoverSeconds = table.Column<double>(type: "REAL", nullable: false),
                    PlannedStopSeconds = table.Column<double>(type: "REAL", nullable: false),
                    OfflineSeconds = table.Column<double>(type: "REAL", nullable: false),
                    GoodCount = table.Column<long>(type: "INTEGER", nullable: false),
                    ScrapCount = table.Column<long>(type: "INTEGER", nullable: false),
                    IdealSecondsTotal = table.Column<double>(type: "REAL", nullable: false),
                    IdealSecondsGood = table.Column<double>(type: "REAL", nullable: false),
                    EnergyKwh = table.Column<double>(type: "REAL", nullable: false),
                    MessageCount = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MachineBuckets", x => new { x.MachineId, x.Size, x.Start });
                    table.ForeignKey(
                        name: "FK_MachineBuckets_Machines_MachineId",
                        column: x => x.MachineId,
                        principalTable: "Machines",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "MachineDowntimeBuckets",
                columns: table => new
                {
                    MachineId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Size = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Start = table.Column<long>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DownSeconds = table.Column<double>(type: "REAL", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MachineDowntimeBuckets", x => new { x.MachineId, x.Size, x.Start, x.Reason });
                    table.ForeignKey(
                        name: "FK_MachineDowntimeBuckets_Machines_MachineId",
                        column: x => x.MachineId,
                        principalTable: "Machines",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "MachineStateChanges",
                columns: table => new
                {
                    MachineId = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MachineStateChanges", x => new { x.MachineId, x.At });
                    table.ForeignKey(
                        name: "FK_MachineStateChanges_Machines_MachineId",
                        column: x => x.MachineId,
                        principalTable: "Machines",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TelemetryEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MachineId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DeviceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DedupKey = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Timestamp = table.Column<long>(type: "INTEGER", nullable: false),
                    Payload = table.Column<string>(type: "TEXT", maxLength: 8192, nullable: false),
                    ReceivedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TelemetryEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TelemetryEvents_Machines_MachineId",
                        column: x => x.MachineId,
                        principalTable: "Machines",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_IngestionRefusals_TenantId",
                table: "IngestionRefusals",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_IngestionRefusals_TenantId_At",
                table: "IngestionRefusals",
                columns: new[] { "TenantId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_MachineBuckets_TenantId",
                table: "MachineBuckets",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_MachineDowntimeBuckets_TenantId",
                table: "MachineDowntimeBuckets",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_MachineStateChanges_TenantId",
                table: "MachineStateChanges",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_TelemetryEvents_MachineId_Timestamp",
                table: "TelemetryEvents",
                columns: new[] { "MachineId", "Timestamp" });

            migrationBuilder.CreateIndex(
                name: "IX_TelemetryEvents_TenantId",
                table: "TelemetryEvents",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_TelemetryEvents_TenantId_DedupKey",
                table: "TelemetryEvents",
                columns: new[] { "TenantId", "DedupKey" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "IngestionRefusals");

            migrationBuilder.DropTable(
                name: "MachineBuckets");

            migrationBuilder.DropTable(
                name: "MachineDowntimeBuckets");

            migrationBuilder.DropTable(
                name: "MachineStateChanges");

            migrationBuilder.DropTable(
                name: "TelemetryEvents");
        }
    }
}
