-- Issue 16: where printed files go on this PC, set in the print settings (NULL: "Thước Đo" in the user's Documents
-- folder). A path on this machine, so it stays local like the rest of the print settings.
ALTER TABLE print_settings ADD COLUMN folder TEXT;
