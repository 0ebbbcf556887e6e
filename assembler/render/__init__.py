"""Drawing: form backends (`forms/`), the project's own pages (`pages/`) and the PDF ink and fonts
both use (`pdf/`). Rendering follows the plan (assembler/plan/); it never decides what to say."""
