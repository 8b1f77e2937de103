"""Nothing lost: backups dialog, banners and read-only state, the trash."""
