"""« Mon classeur d'offres »: the offers a candidate keeps, added from the results and offer pages."""
