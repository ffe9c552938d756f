package sources

import "github.com/contoso/c360/transform"

// Contacts is the eCommerce contacts file (https://aka.ms/CI-ILT/Contacts).
func Contacts() Source {
	return Source{
		Name:  "contacts",
		Table: "source_contacts",
		Doc:   "eCommerce contact, as loaded and typed",
		Key:   "contact_id",
		Columns: []Column{
			{Name: "ContactId", Field: "contact_id", Required: true},
			{Name: "FirstName", Field: "first_name"},
			{Name: "LastName", Field: "last_name"},
			{Name: "FullName", Field: "full_name"},
			{Name: "DateOfBirth", Field: "date_of_birth", Kind: Date},
			{Name: "Gender", Field: "gender"},
			{Name: "EMail", Field: "email"},
			{Name: "Telephone", Field: "telephone"},
			{Name: "PostCode", Field: "post_code"},
			{Name: "StreetAddress", Field: "street_address"},
			{Name: "City", Field: "city"},
			{Name: "State", Field: "state"},
			{Name: "Country", Field: "country"},
			{Name: "CreatedOn", Field: "created_on", Kind: Date},
			{Name: "Loyalty Tier", Field: "loyalty_tier"},
			{Name: "Email Subscriber", Field: "email_subscriber"},
			{Name: "Income", Field: "income", Kind: Float},
			{Name: "Occupation", Field: "occupation"},
			{Name: "CustomerSatisfaction", Field: "customer_satisfaction"},
		},
		People: map[transform.Attr][]string{
			transform.GivenName: {"first_name"},
			transform.Surname:   {"last_name"},
			transform.FullName:  {"full_name"},
			transform.BirthDate: {"date_of_birth"},
			transform.Gender:    {"gender"},
			transform.Email:     {"email"},
			transform.Phone:     {"telephone"},
			transform.Postcode:  {"post_code"},
			transform.Street:    {"street_address"},
			transform.City:      {"city"},
			transform.State:     {"state"},
			transform.Country:   {"country"},
			transform.CreatedOn: {"created_on"},
		},
	}
}

// Loyalty is the loyalty-scheme customers file
// (https://aka.ms/CI-ILT/LoyaltySchemeCustomers). Its ContactId column is
// not mapped to any attribute: it is the answer key, usable only as
// declared cross-reference evidence (off by default).
func Loyalty() Source {
	return Source{
		Name:  "loyalty",
		Table: "source_loyalty",
		Doc:   "loyalty-scheme customer, as loaded and typed",
		Key:   "loyalty_id",
		Columns: []Column{
			{Name: "LoyaltyId", Field: "loyalty_id", Required: true},
			{Name: "ContactId", Field: "contact_id"},
			{Name: "FirstName", Field: "first_name"},
			{Name: "LastName", Field: "last_name"},
			{Name: "FullName", Field: "full_name"},
			{Name: "DateOfBirth", Field: "date_of_birth", Kind: Date},
			{Name: "Gender", Field: "gender"},
			{Name: "EMail", Field: "email"},
			{Name: "Telephone", Field: "telephone"},
			{Name: "RewardPoints", Field: "reward_points", Kind: Int},
			{Name: "CreditCard", Field: "credit_card"},
			{Name: "CreatedOn", Field: "created_on", Kind: Date},
		},
		People: map[transform.Attr][]string{
			transform.GivenName: {"first_name"},
			transform.Surname:   {"last_name"},
			transform.FullName:  {"full_name"},
			transform.BirthDate: {"date_of_birth"},
			transform.Gender:    {"gender"},
			transform.Email:     {"email"},
			transform.Phone:     {"telephone"},
			transform.CreatedOn: {"created_on"},
		},
	}
}

// POS is the retail point-of-sale purchases file
// (https://aka.ms/CI-ILT/POSPurchases); LoyaltyId links a row to a loyalty customer.
func POS() Source {
	return Source{
		Name:  "pos",
		Table: "source_pos",
		Doc:   "retail point-of-sale purchase, as loaded and typed",
		Key:   "purchase_id",
		Columns: []Column{
			{Name: "LoyaltyId", Field: "loyalty_id"},
			{Name: "PurchaseId", Field: "purchase_id", Required: true},
			{Name: "ProductId", Field: "product_id"},
			{Name: "PurchasedOn", Field: "purchased_on", Kind: Date, Required: true},
			{Name: "TotalPrice", Field: "total_price", Kind: Money, Required: true},
			{Name: "RewardPointsAdded", Field: "reward_points_added", Kind: Int},
			{Name: "ActivityTypeDisplay", Field: "activity_type_display"},
			{Name: "Subject", Field: "subject"},
		},
	}
}

// Online is the online purchases file (https://aka.ms/CI-ILT/OnlinePurchases);
// ContactId links a row to an eCommerce contact.
func Online() Source {
	return Source{
		Name:  "online",
		Table: "source_online",
		Doc:   "online purchase, as loaded and typed",
		Key:   "purchase_id",
		Columns: []Column{
			{Name: "ContactId", Field: "contact_id"},
			{Name: "PurchaseId", Field: "purchase_id", Required: true},
			{Name: "ProductId", Field: "product_id"},
			{Name: "PurchasedOn", Field: "purchased_on", Kind: Date, Required: true},
			{Name: "TotalPrice", Field: "total_price", Kind: Money, Required: true},
			{Name: "ActivityTypeDisplay", Field: "activity_type_display"},
			{Name: "Subject", Field: "subject"},
		},
	}
}

// Customer returns the four customer sources in load order.
func Customer() []Source { return []Source{Contacts(), Loyalty(), POS(), Online()} }
