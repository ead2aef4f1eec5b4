"""Moodle course backups (.mbz): a course with a section and a SCORM activity per module.

The format is Moodle's own "moodle2" backup, as written by Moodle 4.1 LTS and read by
every restore from 4.1 to 5.x. The sources it follows (read in moodle/moodle):

* backup/moodle2/backup_stepslib.php, restore_stepslib.php — moodle_backup.xml,
  course.xml, section.xml, module.xml, inforef.xml, files.xml, grades.xml;
* backup/util/helper/backup_general_helper.class.php (get_backup_information) and
  convert_helper.class.php (detect_moodle2_format) — what restore reads first;
* backup/util/helper/backup_file_manager.class.php — files/<2 hex>/<sha1> storage;
* mod/scorm/backup/moodle2/backup_scorm_stepslib.php, restore_scorm_stepslib.php — scorm.xml;
* mod/scorm/datamodels/scormlib.php (scorm_parse_scorm) — the sco rows a SCORM 1.2
  manifest becomes, since restore inserts them as given and does not parse the package;
* mod/scorm/db/install.xml, lib.php, locallib.php — columns, defaults and constants.

`backup.backup_files` turns a course and its SCORM 1.2 zips into the backup's files;
`mbz.write_mbz` writes them as the deterministic tar.gz Moodle (≥ 2.6) writes and reads.
"""
