"""Excel exchange in the GUI: export, send for update, and the import wizard.

The work is done by the services (`PlanExportService`, `PlanImportService`) off
the UI thread; this package chooses files, shows progress, previews and reports.
"""
