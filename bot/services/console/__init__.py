"""What the organiser console reads and does, one module per job: access, programme_list,
outcomes, roster, round_log, commands, audit_log, csv_exports, needs_attention,
all_programmes, board_report. Route handlers call these; no SQL outside."""
