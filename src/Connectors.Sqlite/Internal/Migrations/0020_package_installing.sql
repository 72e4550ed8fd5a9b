-- 0020: the version handed to the terminal's installer whose outcome is not recorded yet (NULL otherwise), saved
-- before the installer runs, so that a process the installer stopped reads the outcome at its next start.
ALTER TABLE package_terminal_state ADD COLUMN installing_version TEXT;
