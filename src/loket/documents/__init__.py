"""Printed documents: ReportLab renderers that take plain data and return PDF bytes."""
