"""Stage 4, PDF: HTML to PDF and what is done to PDFs afterwards.

* :mod:`.typesetter` lays HTML out with WeasyPrint (fonts checked, only project files fetched);
* :mod:`.archival` writes the tagged PDF/A-3a + PDF/UA-1 file and its metadata;
* :mod:`.printcheck` reads the laid-out pages for what a person would see wrong (印刷点検);
* :mod:`.assemble` and :mod:`.mergetags` put a mail merge's letters together (pypdf, pikepdf).
"""
