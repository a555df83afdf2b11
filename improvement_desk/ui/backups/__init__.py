"""Backups in the app: File ▸ Back up now…, File ▸ Restore from backup…, and the daily backup."""
